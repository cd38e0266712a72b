using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Data;
using SpiDnn.Models;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// No lost packets by design (docs/mapping-blocked.md, section 8): with reinjection off and
/// the default router timers, the blocked mapping drops no packet when it fills a whole
/// SpiN-5 board, training and predicting; without pacing the same runs drop packets within
/// milliseconds, and the run stops with an error that names the routers.
/// </summary>
public sealed class BlockedPacketTests
{
    private static readonly (Dataset Train, Dataset Test) Digits = Mnist.LoadEmbedded();

    private static Tensor Rows(Tensor t, int n) => Compare.Head(t, n);

    [Fact]
    public void WholeBoard_MnistTrainingWithTwoReplicasAtFullSpeed_DropsNoPacketAndKeepsTheHostsWeights()
    {
        // Two replicas planned for 3,000 examples per simulated second each fill most of the
        // board; 96 examples in batches of 32 end three batches with a gradient combination.
        var backend = BlockedOracle.Backend(new BlockedOptions { Replicas = 2, TrainingExamplesPerSecond = 3_000 });
        var x = Rows(Digits.Train.X, 96);
        var y = Rows(Digits.Train.Y, 96);

        var (_, _, difference, _, _) = BlockedOracle.Train(() => ModelZoo.Mlp.Build(0), null, Loss.CategoricalCrossEntropy, 0.4f,
            x, y, epochs: 1, batchSize: 32, shuffle: true, validation: null, backend);

        var run = BlockedOracle.Mapping(backend).LastRun!;
        Assert.True(run.Cores >= 600, $"the run used {run.Cores} cores; the test needs most of the board's 816");
        Assert.Equal(0, run.Totals.Dropped);
        Assert.Equal(0, run.Totals.Lost);
        Assert.InRange(difference, 0f, 1e-4f);
    }

    [Fact]
    public void WholeBoard_MnistPredictionAtFullSpeed_DropsNoPacketAndMatchesTheHost()
    {
        var backend = BlockedOracle.Backend(new BlockedOptions { InferenceExamplesPerSecond = 14_000 });
        var x = Rows(Digits.Test.X, 400);

        var difference = BlockedOracle.PredictionDifference(() => ModelZoo.Mlp.Build(3), null, x, backend);

        var run = BlockedOracle.Mapping(backend).LastRun!;
        Assert.True(run.Cores >= 600, $"the run used {run.Cores} cores; the test needs most of the board's 816");
        Assert.Equal(0, run.Totals.Dropped);
        Assert.InRange(difference, 0f, 1e-5f);
    }

    [Fact]
    public void WholeBoard_StridedConvTrainingWithFusedTilesAtFullSpeed_DropsNoPacketAndKeepsTheHostsWeights()
    {
        // Planned for 14,000 examples per simulated second: the first conv layer in 56 fused
        // tiles, the middle layers split, the Dense output in a fused core; 642 cores.
        var backend = BlockedOracle.Backend(new BlockedOptions { TrainingExamplesPerSecond = 14_000 });
        var x = BlockedOracle.Uniform(71, 0, 1, 96, 224, 3);
        var y = BlockedOracle.Uniform(72, 0, 1, 96, 1);

        var (_, _, difference, _, _) = BlockedOracle.Train(SeedModels.ConvStrided, null, Loss.MeanSquaredError, 0.05f,
            x, y, epochs: 1, batchSize: 32, shuffle: true, validation: null, backend);

        var run = BlockedOracle.Mapping(backend).LastRun!;
        var plan = BlockedOracle.Mapping(backend).LastPlan!;
        Assert.True(run.Cores >= 600, $"the run used {run.Cores} cores; the test needs most of the board's 816");
        Assert.True(plan.FusedCoresPerReplica >= 50, plan.ToString());
        Assert.Equal(0, run.Totals.Dropped);
        Assert.InRange(difference, 0f, 1e-4f);
    }

    [Fact]
    public void WholeBoard_ConvPredictionWithFusedTilesAtFullSpeed_DropsNoPacketAndMatchesTheHost()
    {
        // Planned for 14,000 examples per simulated second: 126 fused conv tiles and 577 weight and sum cores.
        var backend = BlockedOracle.Backend(new BlockedOptions { InferenceExamplesPerSecond = 14_000 });
        var x = BlockedOracle.Uniform(73, 0, 1, 48, 224, 3);

        var difference = BlockedOracle.PredictionDifference(SeedModels.ConvSame, null, x, backend);

        var run = BlockedOracle.Mapping(backend).LastRun!;
        Assert.True(run.Cores >= 600, $"the run used {run.Cores} cores; the test needs most of the board's 816");
        Assert.True(BlockedOracle.Mapping(backend).LastPlan!.FusedCoresPerReplica >= 100, BlockedOracle.Mapping(backend).LastPlan!.ToString());
        Assert.Equal(0, run.Totals.Dropped);
        Assert.InRange(difference, 0f, 1e-5f);
    }

    [Fact]
    public void PacingOff_TheDefaultMnistTrainingDropsPackets_AndTheRunStopsWithAnErrorNamingTheRouters()
    {
        var backend = BlockedOracle.Backend(new BlockedOptions { Pacing = false });
        var model = ModelZoo.Mlp.Build(0);
        model.Compile(Loss.CategoricalCrossEntropy, new Optimizers.Sgd(0.4f), backend);

        var error = Assert.Throws<SpiNNakerRunException>(() => model.Fit(Rows(Digits.Train.X, 320), Rows(Digits.Train.Y, 320), 1, 32));

        Assert.True(error.DroppedPackets > 0);
        Assert.Equal(error.DroppedPackets, error.LostPackets);
        Assert.NotEmpty(error.DroppingRouters);
        Assert.Contains("the routers dropped", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chip {error.DroppingRouters[0].Chip}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pacing is off, reinjection off, wait1 240 and wait2 0 router cycles", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.WaitingCores);
        Assert.InRange(error.SimulatedSeconds, 1e-6, 0.1);
    }

    [Fact]
    public void PacingOnWithTheSameRun_DropsNoPacket()
    {
        var backend = BlockedOracle.Backend(BlockedOptions.Default);
        var model = ModelZoo.Mlp.Build(0);
        model.Compile(Loss.CategoricalCrossEntropy, new Optimizers.Sgd(0.4f), backend);

        model.Fit(Rows(Digits.Train.X, 320), Rows(Digits.Train.Y, 320), 1, 32);

        Assert.Equal(0, BlockedOracle.Mapping(backend).LastRun!.Totals.Dropped);
    }

    [Fact]
    public void TheSameRunTwice_GivesBitIdenticalWeightsAndCounters()
    {
        var x = BlockedOracle.Uniform(61, 0, 1, 40, 20);
        var y = BlockedOracle.OneHot(62, 40, 10);
        long[] Counters(SpiNNakerBackend backend) =>
        [
            BlockedOracle.Mapping(backend).LastRun!.Totals.PacketsSent, BlockedOracle.Mapping(backend).LastRun!.Totals.BusyCycles,
            BlockedOracle.Mapping(backend).LastRun!.Events,
        ];

        var first = BlockedOracle.Backend();
        var second = BlockedOracle.Backend();
        var (_, _, _, _, a) = BlockedOracle.Train(() => new Sequential(2).Add(new Layers.Input(20)).Add(new Layers.Dense(16, Activation.Tanh)).Add(new Layers.Dense(10, Activation.Softmax)),
            null, Loss.CategoricalCrossEntropy, 0.3f, x, y, epochs: 2, batchSize: 8, shuffle: true, validation: (x, y), first);
        var (_, _, _, _, b) = BlockedOracle.Train(() => new Sequential(2).Add(new Layers.Input(20)).Add(new Layers.Dense(16, Activation.Tanh)).Add(new Layers.Dense(10, Activation.Softmax)),
            null, Loss.CategoricalCrossEntropy, 0.3f, x, y, epochs: 2, batchSize: 8, shuffle: true, validation: (x, y), second);

        var wa = a.GetWeights();
        var wb = b.GetWeights();
        for (var i = 0; i < wa.Count; i++)
        {
            Assert.Equal(wa[i].ReadOnlySpan.ToArray(), wb[i].ReadOnlySpan.ToArray());
        }

        Assert.Equal(Counters(first), Counters(second));
    }
}
