using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiDnn.Layers;
using SpiDnn.Models;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>Resource-aware sizing: blocks fit DTCM, big layers get more cores, the machine bounds the plan, and the run's phases split batches exactly.</summary>
public sealed class BlockPlannerTests
{
    private static NetworkPlan Plan(Sequential model, BlockedOptions options, bool training = true, NumberFormat format = NumberFormat.Float, int cores = 816) =>
        new BlockPlanner(CostModel.Default, options, format, 17).Plan(model, training, cores, dataRows: 10_000, inputBytes: 1, batchSize: 32);

    private static Sequential Mlp()
    {
        var model = ModelZoo.Mlp.Build(0);
        model.Compile(Loss.CategoricalCrossEntropy, new Optimizers.Sgd(0.4f));
        return model;
    }

    [Fact]
    public void MnistMlp_TheBigLayerGetsMostWeightCores_AndEveryBlockFitsDtcm()
    {
        var planner = new BlockPlanner(CostModel.Default, BlockedOptions.Default, NumberFormat.Float, 17);
        var plan = planner.Plan(Mlp(), true, 816, 10_000, 1, 32);

        var first = plan.Layers[0].Split.WeightCores;
        var second = plan.Layers[1].Split.WeightCores;
        Assert.True(first > 10 * second, $"784x128 got {first} weight cores, 128x10 got {second}");
        foreach (var layer in plan.Layers)
        {
            Assert.InRange(planner.WeightCoreDtcm(layer.Geometry, layer.Split, true, layer.IsFirst), 1, planner.DtcmBudget);
        }
    }

    [Fact]
    public void AHigherThroughputTarget_GivesMoreCores()
    {
        var slow = Plan(Mlp(), new BlockedOptions { TrainingExamplesPerSecond = 500 });
        var fast = Plan(Mlp(), new BlockedOptions { TrainingExamplesPerSecond = 2_000 });
        Assert.True(fast.WeightCoresPerReplica > 2 * slow.WeightCoresPerReplica, $"{fast.WeightCoresPerReplica} vs {slow.WeightCoresPerReplica}");
    }

    [Fact]
    public void FixedPoint_NeedsFarFewerCoresForTheSameThroughput()
    {
        var floats = Plan(Mlp(), BlockedOptions.Default);
        var fixedPoint = Plan(Mlp(), BlockedOptions.Default, format: NumberFormat.FixedS1615);
        Assert.True(fixedPoint.WeightCoresPerReplica * 3 < floats.WeightCoresPerReplica, $"{fixedPoint.WeightCoresPerReplica} vs {floats.WeightCoresPerReplica}");
    }

    [Fact]
    public void SoftmaxAndOutputLayers_KeepWholeRowsInOneSumCore()
    {
        var model = new Sequential(1).Add(new Input(300)).Add(new Dense(200, Activation.Softmax)).Add(new Dense(40, Activation.Sigmoid));
        model.Compile(Loss.BinaryCrossEntropy, new Optimizers.Sgd(0.1f));
        var plan = Plan(model, new BlockedOptions { TrainingExamplesPerSecond = 3_000 });
        foreach (var layer in plan.Layers)
        {
            Assert.Equal(layer.Split.FilterBlocks, layer.Split.FilterBlocksPerSumCore);
        }
    }

    [Fact]
    public void OnASpiNN3_ThePlanShrinksToTheBoardsCores()
    {
        var full = Plan(Mlp(), BlockedOptions.Default);
        var small = Plan(Mlp(), BlockedOptions.Default, cores: 68);
        Assert.True(full.TotalCores > 68, $"the SpiN-5 plan has {full.TotalCores} cores");
        Assert.InRange(small.TotalCores, 2, 68);
    }

    [Fact]
    public void AModelThatCannotFitTheCores_IsRefusedNamingTheCounts()
    {
        var error = Assert.Throws<SpiNNakerMappingException>(() => Plan(Mlp(), BlockedOptions.Default with { Splits = new Dictionary<int, LayerSplit> { [0] = new(1, 98, 128, 1) } }, cores: 816));
        Assert.Contains("needs", error.Message, StringComparison.Ordinal);
        Assert.Contains("816 application cores", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForcedSplitTooBigForDtcm_IsRefusedNamingTheLayerAndTheBytes()
    {
        var error = Assert.Throws<SpiNNakerMappingException>(() => Plan(Mlp(), new BlockedOptions { Splits = new Dictionary<int, LayerSplit> { [0] = new(1, 1, 4, 4) } }));
        Assert.Contains("layer dense", error.Message, StringComparison.Ordinal);
        Assert.Contains("bytes of DTCM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForcedSplitOfASoftmaxLayerAcrossSumCores_IsRefused()
    {
        var error = Assert.Throws<SpiNNakerMappingException>(() => Plan(Mlp(), new BlockedOptions { Splits = new Dictionary<int, LayerSplit> { [1] = new(1, 2, 2, 1) } }));
        Assert.Contains("whole rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(128)]
    public void SlotsThatAreNotAPowerOfTwoUpTo64_AreRefused(int slots)
    {
        var error = Assert.Throws<ArgumentException>(() => new BlockedOptions { Slots = slots }.Validate());
        Assert.Contains($"Received: {slots}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunSequence_SharesEveryBatchContiguouslyAmongReplicas_IncludingEmptyShares()
    {
        // 22 examples, batches of 8 (8, 8, 6), 4 replicas, 5 validation examples.
        var shares = Enumerable.Range(0, 4).Select(r => new RunSequence(true, 2, 22, 8, 5, 4, r)).ToArray();
        Assert.Equal(4, shares[0].PhasesPerEpoch);
        for (var phase = 0; phase < shares[0].PhaseCount; phase++)
        {
            var expected = shares[0].PhaseExamples(phase);
            Assert.Equal(expected, shares.Sum(s => s.Share(phase)));
            var next = 0;
            foreach (var s in shares)
            {
                Assert.Equal(next, s.ShareStart(phase));
                next += s.Share(phase);
            }
        }

        Assert.Equal(1, shares[0].Share(3)); // 5 validation examples over 4 replicas: 1, 1, 1, 2
        Assert.Equal(2 * (22 + 5), shares.Sum(s => s.TotalExamples));
        var tiny = new RunSequence(true, 1, 2, 2, 0, 4, 0);
        Assert.Equal(0, tiny.Share(0)); // a batch of 2 leaves replica 0 idle
    }
}
