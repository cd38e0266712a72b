using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// The seed's whole-board inference models (tools/make_fixtures.py) on a simulated SpiNN-5 with
/// the neuron mapping: predictions within 1e-5 of PyTorch's and of the host backend's, with
/// zero dropped packets, using the cores the thesis used (one per input and per neuron).
/// Each model runs once, on the first examples of its fixture.
/// </summary>
public sealed class FixtureInferenceTests
{
    private const float PredictionTolerance = 1e-5f;
    private const int Examples = 12;

    [Fact]
    public void SeedMlp_OnSpiNN5_PredictsLikePyTorchAndTheHost_On717CoresWithoutDrops()
    {
        // 224 input cores + 492 neurons + the host gatherer.
        var statistics = AssertPredictions("mlp_inference", SeedModels.Mlp());

        Assert.Equal(224 + 50 + 50 + 300 + 50 + 25 + 17 + 1, statistics.CoresUsed);
    }

    [Fact]
    public void SeedSamePaddedConvStack_OnSpiNN5_PredictsLikePyTorchAndTheHost_On801CoresOfAll48ChipsWithoutDrops()
    {
        // 224 input cores + 224 + 224 + 112 Conv1D neurons + 16 Dense neurons + the gatherer.
        var statistics = AssertPredictions("conv_inference_same", SeedModels.ConvSame());

        Assert.Equal(224 + 224 + 224 + 112 + 16 + 1, statistics.CoresUsed);
        Assert.Equal(48, statistics.ChipsUsed);
    }

    [Fact]
    public void SeedStridedConvStack_OnSpiNN5_PredictsLikePyTorchAndTheHost_WithoutDrops()
    {
        // 224 input cores + 112 + 38 + 19 + 4 + 1 Conv1D neurons + 1 Dense neuron + the gatherer.
        var statistics = AssertPredictions("conv_inference_strided", SeedModels.ConvStrided());

        Assert.Equal(224 + 112 + 38 + 19 + 4 + 1 + 1 + 1, statistics.CoresUsed);
    }

    private static SpiNNakerRunStatistics AssertPredictions(string fixtureName, Sequential model)
    {
        var fixture = Fixture.Load(fixtureName);
        model.SetWeights(fixture.Weights("w"));
        var x = Compare.Head(fixture["x"], Examples);
        var backend = Backends.SpiNN5();

        var predictions = backend.Predict(model, x, Examples);

        Compare.Within(Compare.Head(fixture["predictions"], Examples), predictions, PredictionTolerance);
        Compare.Within(new HostBackend().Predict(model, x, Examples), predictions, PredictionTolerance);
        var statistics = backend.LastRun!;
        Assert.Equal(0, statistics.PacketsDropped);
        Assert.Equal(0, statistics.PacketsLost);
        Assert.Equal(Examples, statistics.Examples);
        return statistics;
    }
}
