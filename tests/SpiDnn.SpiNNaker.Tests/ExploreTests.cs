using System.Diagnostics;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Layers;
using SpiDnn.Tests.Oracles;
using Xunit.Abstractions;

namespace SpiDnn.SpiNNaker.Tests;

public class ExploreTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1000)]
    [InlineData(2000)]
    [InlineData(3000)]
    [InlineData(4000)]
    public void SeedMlp(int period)
    {
        var fixture = Fixture.Load("mlp_inference");
        var model = new Sequential()
            .Add(new Input(224))
            .Add(new Dense(50, Activation.Relu))
            .Add(new Dense(50, Activation.Softmax))
            .Add(new Dense(300, Activation.Tanh))
            .Add(new Dense(50, Activation.Sigmoid))
            .Add(new Dense(25))
            .Add(new Dense(17, Activation.Softmax));
        model.SetWeights(fixture.Weights("w"));
        var n = 10;
        var x = Tensor.FromArray(fixture["x"].ReadOnlySpan[..(n * 224)].ToArray(), n, 224);
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Neuron = new() { TimerPeriodMicroseconds = period } });
        var clock = Stopwatch.StartNew();
        Tensor y;
        try { y = backend.Predict(model, x, 1); } catch (SpiNNakerRunException e) { output.WriteLine($"{period}: dropped {e.DroppedPackets}"); return; }
        var expected = fixture["predictions"].ReadOnlySpan[..(n * 17)].ToArray();
        var max = 0f;
        for (var i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs(expected[i] - y.ReadOnlySpan[i]));
        output.WriteLine($"{period}: max diff {max}, host {clock.Elapsed.TotalSeconds:0.0}s, {backend.LastRun}");
    }
}

public class ExploreConvTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("conv_inference_same", 5000, 100)]
    [InlineData("conv_inference_strided", 5000, 100)]
    public void Conv(string name, int period, int delay)
    {
        var fixture = Fixture.Load(name);
        var model = name == "conv_inference_same"
            ? new Sequential()
                .Add(new Input(224, 3))
                .Add(new Conv1D(1, 3, padding: Padding.Same))
                .Add(new Conv1D(5, 12, padding: Padding.Same))
                .Add(new Conv1D(16, 3, stride: 2, padding: Padding.Same))
                .Add(new Dense(16))
            : new Sequential()
                .Add(new Input(224, 3))
                .Add(new Conv1D(1, 7, stride: 2, padding: Padding.Same, activation: Activation.Relu))
                .Add(new Conv1D(5, 12, stride: 3, padding: Padding.Same, activation: Activation.Tanh))
                .Add(new Conv1D(16, 3, stride: 2, padding: Padding.Same, activation: Activation.Sigmoid))
                .Add(new Conv1D(16, 6, stride: 5, padding: Padding.Same, activation: Activation.Softmax))
                .Add(new Conv1D(5, 4, stride: 3, padding: Padding.Valid))
                .Add(new Dense(1));
        model.SetWeights(fixture.Weights("w"));
        var n = 5;
        var inLen = 224 * 3;
        var outLen = model.OutputShape[0];
        var x = Tensor.FromArray(fixture["x"].ReadOnlySpan[..(n * inLen)].ToArray(), n, 224, 3);
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Neuron = new() { TimerPeriodMicroseconds = period, ConvSendDelayMicroseconds = delay } });
        var clock = Stopwatch.StartNew();
        Tensor y;
        try { y = backend.Predict(model, x, 1); } catch (SpiNNakerRunException e) { output.WriteLine($"{name} {period} {delay}: dropped {e.DroppedPackets} {e.Message}"); return; }
        var expected = fixture["predictions"].ReadOnlySpan[..(n * outLen)].ToArray();
        var max = 0f;
        for (var i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs(expected[i] - y.ReadOnlySpan[i]));
        output.WriteLine($"{name} {period} {delay}: max diff {max}, host {clock.Elapsed.TotalSeconds:0.0}s, {backend.LastRun}");
    }
}
