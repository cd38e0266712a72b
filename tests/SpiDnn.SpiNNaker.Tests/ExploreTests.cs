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

public class ExploreTrainTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("mlp_cce_training", "MulticastEachError")]
    [InlineData("mlp_cce_training", "SharedParameters")]
    [InlineData("cnn_sgd_step", "MulticastEachError")]
    [InlineData("cnn_sgd_step", "SharedParameters")]
    [InlineData("xor_training", "SharedParameters")]
    public void Train(string name, string variant)
    {
        var fixture = Fixture.Load(name);
        Sequential model;
        Loss loss;
        float lr;
        int epochs, batch;
        switch (name)
        {
            case "mlp_cce_training":
                model = new Sequential().Add(new Input(20)).Add(new Dense(32, Activation.Relu)).Add(new Dense(10, Activation.Softmax));
                loss = Loss.CategoricalCrossEntropy; lr = 0.1f; epochs = 2; batch = 16;
                break;
            case "cnn_sgd_step":
                model = new Sequential().Add(new Input(6, 3)).Add(new Conv1D(3, 3, activation: Activation.Relu))
                    .Add(new Conv1D(2, 3, stride: 2, padding: Padding.Same, activation: Activation.Tanh)).Add(new Dense(1, Activation.Sigmoid));
                loss = Loss.BinaryCrossEntropy; lr = 0.01f; epochs = 1; batch = 4;
                break;
            default:
                model = new Sequential().Add(new Input(2)).Add(new Dense(50, Activation.Relu)).Add(new Dense(50, Activation.Softmax))
                    .Add(new Dense(300, Activation.Tanh)).Add(new Dense(50, Activation.Sigmoid)).Add(new Dense(25)).Add(new Dense(2, Activation.Softmax));
                loss = Loss.MeanSquaredError; lr = 0.1f; epochs = 50; batch = 4;
                break;
        }
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Neuron = new() { BackwardVariant = Enum.Parse<Backends.SpiNNaker.Neuron.BackwardVariant>(variant) } });
        model.Compile(loss, new Optimizers.Sgd(lr), backend);
        model.SetWeights(fixture.Weights("initial"));
        var clock = Stopwatch.StartNew();
        History history;
        try { history = model.Fit(fixture["x"], fixture["y"], epochs, batch, shuffle: false); }
        catch (SpiNNakerRunException e) { output.WriteLine($"{name} {variant}: {e.Message}"); return; }
        var expected = fixture.Weights("trained");
        var actual = model.GetWeights();
        var max = 0f;
        for (var t = 0; t < expected.Count; t++) max = Math.Max(max, Fixture.MaxAbsDifference(expected[t], actual[t]));
        var losses = fixture.Manifest.GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        output.WriteLine($"{name} {variant}: max weight diff {max}, loss {history.Loss[^1]} vs {losses[^1]}, host {clock.Elapsed.TotalSeconds:0.0}s, {backend.LastRun}");
    }
}

public class ExploreExplosionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false, 300)]
    [InlineData(true, 300)]
    [InlineData(false, 30)]
    public void Explode(bool reinjection, int wide)
    {
        var model = new Sequential(seed: 1).Add(new Input(2)).Add(new Dense(wide, Activation.Tanh)).Add(new Dense(50, Activation.Sigmoid)).Add(new Dense(2));
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Reinjection = reinjection });
        model.Compile(Loss.MeanSquaredError, new Optimizers.Sgd(0.1f), backend);
        var x = Tensor.FromArray([0f, 1f], 1, 2);
        var y = Tensor.FromArray([1f, 0f], 1, 2);
        var clock = Stopwatch.StartNew();
        try
        {
            var h = model.Fit(x, y, 1, 1, shuffle: false);
            output.WriteLine($"{reinjection} {wide}: completed host {clock.Elapsed.TotalSeconds:0.0}s {h.BackendStatistics}");
        }
        catch (SpiNNakerRunException e)
        {
            output.WriteLine($"{reinjection} {wide}: host {clock.Elapsed.TotalSeconds:0.0}s {e.Message}");
        }
    }
}
