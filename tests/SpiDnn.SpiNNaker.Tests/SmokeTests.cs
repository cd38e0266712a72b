using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.SpiNNaker.Tests;

public class SmokeTests
{
    [Fact]
    public void TinyMlp_Predict_MatchesHost()
    {
        var model = new Sequential(seed: 3).Add(new Input(3)).Add(new Dense(4, Activation.Tanh)).Add(new Dense(2, Activation.Softmax));
        var x = Tensor.FromArray([0.1f, 0.2f, 0.3f, -0.5f, 0.4f, 0.9f], 2, 3);
        var expected = new HostBackend().Predict(model, x, 2);
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Machine = MachineChoice.SpiNN3 });
        var actual = backend.Predict(model, x, 2);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.ReadOnlySpan[i], actual.ReadOnlySpan[i], 1e-5f);
        }
    }

    [Fact]
    public void TinyMlp_Fit_MatchesHost()
    {
        Sequential Build() => new Sequential(seed: 3).Add(new Input(3)).Add(new Dense(4, Activation.Tanh)).Add(new Dense(2, Activation.Softmax));
        var x = Tensor.FromArray([0.1f, 0.2f, 0.3f, -0.5f, 0.4f, 0.9f, 0.3f, 0.3f, 0.3f], 3, 3);
        var y = Tensor.FromArray([1f, 0f, 0f, 1f, 1f, 0f], 3, 2);
        var host = Build();
        host.Compile(Loss.MeanSquaredError, new Sgd(0.5f));
        host.Fit(x, y, epochs: 2, batchSize: 2, shuffle: false);
        var spinn = Build();
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Machine = MachineChoice.SpiNN3 });
        spinn.Compile(Loss.MeanSquaredError, new Sgd(0.5f), backend);
        var history = spinn.Fit(x, y, epochs: 2, batchSize: 2, shuffle: false);
        var a = host.GetWeights();
        var b = spinn.GetWeights();
        for (var t = 0; t < a.Count; t++)
        {
            for (var i = 0; i < a[t].Length; i++)
            {
                Assert.Equal(a[t].ReadOnlySpan[i], b[t].ReadOnlySpan[i], 1e-5f);
            }
        }
        Assert.NotNull(history.BackendStatistics);
    }
}
