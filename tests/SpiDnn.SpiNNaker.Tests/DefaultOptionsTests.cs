using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Layers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>What <c>new SpiNNakerBackend()</c> gives: the blocked mapping (the one that scales) on a SpiNN-5 board.</summary>
public sealed class DefaultOptionsTests
{
    [Fact]
    public void TheDefaultBackend_RunsTheBlockedMappingOnASpiNN5_AndPredictsWhatTheHostPredicts()
    {
        var model = new Sequential(seed: 3).Add(new Input(5)).Add(new Dense(7, Activation.Tanh)).Add(new Dense(3, Activation.Softmax));
        var x = Tensor.FromArray([.. Enumerable.Range(0, 20).Select(i => (float)Math.Sin(i))], 4, 5);
        var backend = new SpiNNakerBackend();

        var predictions = backend.Predict(model, x, 4);

        Compare.Within(new HostBackend().Predict(model, x, 4), predictions, 1e-5f);
        Assert.Equal("blocked", backend.LastRun!.Mapping);
        Assert.Equal("spinn5", backend.LastRun.Machine);
        Assert.Equal(4, backend.LastRun.Examples);
    }
}
