using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiDnn.Layers;
using SpiDnn.Models;
using SpiDnn.Tests.Oracles;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>Resource-aware sizing: blocks fit DTCM, big layers get more cores, the machine bounds the plan, and the run's phases split batches exactly.</summary>
public sealed class BlockPlannerTests
{
    private static NetworkPlan Plan(Sequential model, BlockedOptions options, bool training = true, NumberFormat format = NumberFormat.Float, int cores = 816, int dtcmReserved = 4_096) =>
        new BlockPlanner(CostModel.Default with { DtcmReservedBytes = dtcmReserved }, options, format, 17).Plan(model, training, cores, dataRows: 10_000, inputBytes: 1, batchSize: 32);

    /// <summary>The cores of one replica per layer (a fused chain's core at its first layer, 0 at the others).</summary>
    private static int[] CoresPerLayer(NetworkPlan plan) => [.. plan.Layers.Select(l => plan.CoresOf(l.Position))];

    /// <summary>Each layer's fused chain as <c>first-last</c> (plan positions), or <c>-</c> for a split layer.</summary>
    private static string[] Chains(NetworkPlan plan) => [.. plan.Layers.Select(l => l.IsFused ? $"{l.ChainFirst}-{l.ChainLast}" : "-")];

    private static Sequential Compiled(Func<Sequential> build)
    {
        var model = build();
        model.Compile(Loss.MeanSquaredError, new Optimizers.Sgd(0.1f));
        return model;
    }

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
    [InlineData(4_096, new[] { 1, 0, 7, 6, 1, 0 }, new[] { "0-1", "0-1", "-", "-", "4-5", "4-5" })]
    [InlineData(30_000, new[] { 1, 3, 10, 9, 1, 0 }, new[] { "0-0", "-", "-", "-", "4-5", "4-5" })]
    [InlineData(45_000, new[] { 1, 4, 18, 15, 3, 1 }, new[] { "0-0", "-", "-", "-", "-", "5-5" })]
    public void SeedXorInFixedPoint_FusesWhatFitsTheDtcmBudget_AndSplitsWhatDoesNot(int dtcmReserved, int[] cores, string[] chains)
    {
        // Trained values take 12 B each in s16.15 (weight, 64-bit gradient). With the default
        // 60,416 B, 2-50-50 (2,700 values, 32 KB) and 50-25-2 (1,327 values) each fit one core;
        // the 50-300 and 300-50 layers (15,300 and 15,050 values, 180 KB) never do. With 34,512 B
        // the 2-50-50 chain no longer fits, nor 50-50 alone (2,550 values and its slots), so
        // 50-50 is split; with 19,512 B neither does 50-25 with its neighbour.
        var plan = Plan(Compiled(SeedModels.Xor), BlockedOptions.Default, format: NumberFormat.FixedS1615, dtcmReserved: dtcmReserved);

        Assert.Equal(cores, CoresPerLayer(plan));
        Assert.Equal(chains, Chains(plan));
        Assert.Equal(cores.Sum(), plan.CoresPerReplica);
    }

    [Fact]
    public void SeedXorInFixedPoint_WithoutFusion_GivesEveryLayerWeightAndSumCores()
    {
        var plan = Plan(Compiled(SeedModels.Xor), BlockedOptions.Default with { Fusion = false }, format: NumberFormat.FixedS1615);

        Assert.Equal([2, 2, 7, 6, 2, 2], CoresPerLayer(plan));
        Assert.All(plan.Layers, l => Assert.False(l.IsFused));
    }

    [Fact]
    public void AHigherThroughputTarget_SplitsTheChainsThatWouldSerialiseTooMuchWork()
    {
        // At 10,000 examples per simulated second a core has 20,000 cycles per example: of the
        // XOR chains only 25-2 (50 multiply-accumulates) still fits; the seed CNN leaves one
        // core for three fused layers, each in fused tiles.
        var xor = Plan(Compiled(SeedModels.Xor), BlockedOptions.Default with { TrainingExamplesPerSecond = 10_000 }, format: NumberFormat.FixedS1615);
        var cnnSlow = Plan(Compiled(SeedModels.TwoConvAndDense), BlockedOptions.Default);
        var cnnFast = Plan(Compiled(SeedModels.TwoConvAndDense), BlockedOptions.Default with { TrainingExamplesPerSecond = 10_000 });

        Assert.Equal(["-", "-", "-", "-", "-", "5-5"], Chains(xor));
        Assert.Equal([1, 0, 0], CoresPerLayer(cnnSlow));
        Assert.Equal(["0-2", "0-2", "0-2"], Chains(cnnSlow));
        Assert.Equal([2, 2, 1], CoresPerLayer(cnnFast));
        Assert.Equal(["0-0", "1-1", "2-2"], Chains(cnnFast));
    }

    [Fact]
    public void MnistTail_FusesInFixedPoint_ButStaysSplitInFloatAtTheDefaultTarget()
    {
        // 128 -> 10 is 1,280 multiply-accumulates, three passes in training: 315,000 float
        // cycles, more than the 200,000 of the default target, so in float it keeps 3 weight
        // cores and a sum core; s16.15 does it in 11,500 cycles, and at 100 examples per
        // simulated second float fits too.
        var floats = Plan(Mlp(), BlockedOptions.Default);
        var fixedPoint = Plan(Mlp(), BlockedOptions.Default, format: NumberFormat.FixedS1615);
        var slow = Plan(Mlp(), BlockedOptions.Default with { TrainingExamplesPerSecond = 100 });

        Assert.Equal([136, 4], CoresPerLayer(floats));
        Assert.False(floats.Layers[1].IsFused);
        Assert.Equal([32, 1], CoresPerLayer(fixedPoint));
        Assert.True(fixedPoint.Layers[1].IsFused);
        Assert.Equal(1, CoresPerLayer(slow)[1]);
        Assert.True(slow.Layers[1].IsFused);
    }

    [Fact]
    public void ConvLayersWhoseKernelFitsOneCore_RunInFusedTiles_WithFewerCoresThanWeightAndSumCores()
    {
        // The seed's same-padded conv stack in training: each conv kernel is small (9 to 240
        // weights) but its 224 or 112 positions are much work, so the planner gives each conv
        // layer fused tiles instead of weight tiles plus as many sum cores.
        var fused = Plan(Compiled(SeedModels.ConvSame), BlockedOptions.Default);
        var split = Plan(Compiled(SeedModels.ConvSame), BlockedOptions.Default with { Fusion = false });

        Assert.Equal([4, 28, 56, 53], CoresPerLayer(fused));
        Assert.Equal(["0-0", "1-1", "2-2", "-"], Chains(fused));
        Assert.Equal([6, 50, 112, 53], CoresPerLayer(split));
    }

    [Fact]
    public void ForcedChains_ThatOverlapOrNameNoWeightedLayerOrDoNotFit_AreRefusedNamingTheProblem()
    {
        var model = Compiled(SeedModels.Xor);
        var overlap = Assert.Throws<SpiNNakerMappingException>(() => Plan(model, BlockedOptions.Default with { Chains = [new(0, 1), new(1, 2)] }));
        var outside = Assert.Throws<SpiNNakerMappingException>(() => Plan(model, BlockedOptions.Default with { Chains = [new(4, 9)] }));
        var reversed = Assert.Throws<SpiNNakerMappingException>(() => Plan(model, BlockedOptions.Default with { Chains = [new(3, 2)] }));
        var tooBig = Assert.Throws<SpiNNakerMappingException>(() => Plan(model, BlockedOptions.Default with { Chains = [new(2, 3)] }));
        var withSplit = Assert.Throws<SpiNNakerMappingException>(() => Plan(model, BlockedOptions.Default with
        {
            Chains = [new(4, 5)],
            Splits = new Dictionary<int, LayerSplit> { [5] = new(1, 1, 1, 1) },
        }));

        Assert.Contains("the forced chain layers 1-2 overlaps another chain or a forced split at layer dense_1", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("the forced chain layers 4-9 must run from a Dense or Conv1D layer", outside.Message, StringComparison.Ordinal);
        Assert.Contains("the forced chain layers 3-2", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("the chain dense_2-dense_3: a fused core (1 fused core) needs", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("a core has 60,416", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("overlaps another chain or a forced split at layer dense_5", withSplit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForcedFusedSplits_WithBlocksOrTooManyTilesOrOnNoWeightedLayer_AreRefused()
    {
        var conv = Compiled(() => new Sequential().Add(new Input(10, 2)).Add(new Conv1D(3, 3, activation: Activation.Softmax)).Add(new Flatten()));
        var blocks = Assert.Throws<SpiNNakerMappingException>(() => Plan(conv, BlockedOptions.Default with
        {
            Splits = new Dictionary<int, LayerSplit> { [0] = new(1, 2, 1, 1) { Fused = true } },
        }));
        var tiles = Assert.Throws<SpiNNakerMappingException>(() => Plan(conv, BlockedOptions.Default with
        {
            Splits = new Dictionary<int, LayerSplit> { [0] = LayerSplit.FusedTiles(2) },
        }));
        var flatten = Assert.Throws<SpiNNakerMappingException>(() => Plan(conv, BlockedOptions.Default with
        {
            Splits = new Dictionary<int, LayerSplit> { [1] = LayerSplit.FusedTiles(1) },
        }));

        Assert.Contains("layer conv1d: a forced fused split (1 fused core) needs 1 channel block, 1 filter block and 1-1 tiles", blocks.Message, StringComparison.Ordinal);
        Assert.Contains("needs 1 channel block, 1 filter block and 1-1 tiles", tiles.Message, StringComparison.Ordinal);
        Assert.Contains("a forced split names layer 1, which is not a Dense or Conv1D layer", flatten.Message, StringComparison.Ordinal);
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
