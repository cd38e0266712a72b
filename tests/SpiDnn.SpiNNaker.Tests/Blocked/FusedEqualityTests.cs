using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiDnn.Layers;
using SpiDnn.Tests.Oracles;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// Fused cores (docs/mapping-blocked.md, sections 2-3) against the host backend: a layer in
/// one core per tile and chains of layers in one core, forced so that each case is what it
/// says, give the host's predictions within 1e-5 and its weights after several batches within
/// 1e-4 (float), Dense and Conv1D, every loss, softmax in hidden layers and in chains, several
/// pipeline depths, replicas and conv tiles combining gradients; fixed point stays within its
/// bounds.
/// </summary>
public sealed class FusedEqualityTests
{
    private const float PredictionTolerance = 1e-5f;
    private const float WeightTolerance = 1e-4f;

    private static SpiNNakerBackend Backend(IReadOnlyList<LayerChain>? chains = null, IReadOnlyDictionary<int, LayerSplit>? splits = null,
        int slots = 8, int replicas = 1, NumberFormat format = NumberFormat.Float, bool fusion = true) =>
        BlockedOracle.Backend(new BlockedOptions
        {
            Fusion = fusion,
            Chains = chains,
            Splits = splits,
            Slots = slots,
            Replicas = replicas,
            TrainingExamplesPerSecond = 1_000,
            InferenceExamplesPerSecond = 1_000,
        }, format);

    /// <summary>The plan of the last run has <paramref name="fused"/> fused cores per replica.</summary>
    private static void AssertFusedCores(SpiNNakerBackend backend, int fused) =>
        Assert.True(BlockedOracle.Mapping(backend).LastRun!.Plan.Contains($" + {fused} fused cores)", StringComparison.Ordinal), BlockedOracle.Mapping(backend).LastRun!.Plan);

    [Fact]
    public void SeedXorMlp_ThePlannersChoiceAtTheDefaultTargets_50EpochsOfMse_WeightsMatchHostWithin1e4()
    {
        // At 1,000 examples per simulated second float fuses 2-50 and 25-2 alone and splits the rest.
        var fixture = Fixture.Load("xor_training");
        var backend = BlockedOracle.Backend();
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.Xor, fixture.Weights("initial"), Loss.MeanSquaredError, 0.1f,
            fixture["x"], fixture["y"], epochs: 50, batchSize: 4, shuffle: false, validation: null, backend);

        Assert.Equal(2, BlockedOracle.Mapping(backend).LastPlan!.FusedCoresPerReplica);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void SeedXorMlp_TwoChainsAroundSplitLayers_50EpochsOfMse_WeightsMatchHostWithin1e4()
    {
        // 2-50 relu-50 softmax in one core, 50-300 tanh and 300-50 sigmoid split, 50-25-2 softmax in one core.
        var fixture = Fixture.Load("xor_training");
        var backend = Backend(chains: [new(0, 1), new(4, 5)]);
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.Xor, fixture.Weights("initial"), Loss.MeanSquaredError, 0.1f,
            fixture["x"], fixture["y"], epochs: 50, batchSize: 4, shuffle: false, validation: null, backend);

        AssertFusedCores(backend, 2);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void SeedMlp_ChainsWithAHiddenSoftmax_PredictionsMatchHostWithin1e5()
    {
        var fixture = Fixture.Load("mlp_inference");
        // The hidden softmax 50-50 alone in a fused core, 50-25-17 softmax in one core; the big layers split.
        var backend = Backend(chains: [new(4, 5)], splits: new Dictionary<int, LayerSplit> { [1] = LayerSplit.FusedTiles(1) });
        var difference = BlockedOracle.PredictionDifference(SeedModels.Mlp, fixture.Weights("w"), fixture["x"], backend);

        AssertFusedCores(backend, 2);
        Assert.InRange(difference, 0f, PredictionTolerance);
    }

    [Fact]
    public void SeedStridedConvStack_FusedTilesAndAChain_PredictionsMatchHostWithin1e5()
    {
        // Conv layers in fused tiles (every tile its own core), then the softmax conv, the valid conv and the Dense in one core.
        var fixture = Fixture.Load("conv_inference_strided");
        var splits = new Dictionary<int, LayerSplit> { [0] = LayerSplit.FusedTiles(4), [1] = LayerSplit.FusedTiles(3), [2] = LayerSplit.FusedTiles(2) };
        var backend = Backend(chains: [new(3, 5)], splits: splits);
        var difference = BlockedOracle.PredictionDifference(SeedModels.ConvStrided, fixture.Weights("w"), fixture["x"], backend);

        AssertFusedCores(backend, 4 + 3 + 2 + 1);
        Assert.InRange(difference, 0f, PredictionTolerance);
    }

    [Fact]
    public void SeedCnn_WholeModelInOneCore_ThreeShuffledEpochsOfBinaryCrossEntropy_WeightsMatchHostWithin1e4()
    {
        var fixture = Fixture.Load("cnn_sgd_step");
        var (x, y) = CnnData();
        var backend = Backend(chains: [new(0, 2)]);
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.TwoConvAndDense, fixture.Weights("initial"), Loss.BinaryCrossEntropy, 0.05f,
            x, y, epochs: 3, batchSize: 5, shuffle: true, validation: (x, y), backend);

        Assert.Equal(1, BlockedOracle.Mapping(backend).LastRun!.Cores);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void SeedCnn_ConvTilesFusedThenAChain_TilesCombineTheirGradients_WeightsMatchHostWithin1e4()
    {
        var fixture = Fixture.Load("cnn_sgd_step");
        var (x, y) = CnnData();
        var backend = Backend(chains: [new(1, 2)], splits: new Dictionary<int, LayerSplit> { [0] = LayerSplit.FusedTiles(3) }, slots: 2);
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.TwoConvAndDense, fixture.Weights("initial"), Loss.BinaryCrossEntropy, 0.05f,
            x, y, epochs: 3, batchSize: 5, shuffle: true, validation: (x, y), backend);

        AssertFusedCores(backend, 4);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Theory]
    [InlineData(Activation.Softmax, Loss.CategoricalCrossEntropy)]
    [InlineData(Activation.Sigmoid, Loss.BinaryCrossEntropy)]
    [InlineData(Activation.Tanh, Loss.BinaryCrossEntropy)]
    [InlineData(Activation.Relu, Loss.MeanSquaredError)]
    public void ConvOutputLayerInFusedTiles_AfterASplitLayer_EveryLoss_WeightsMatchHostWithin1e4(Activation output, Loss loss)
    {
        Sequential Build() => ConvOutputModel.Build(output);
        var (x, y) = ConvOutputModel.Data(loss);
        var splits = new Dictionary<int, LayerSplit>
        {
            [0] = new(Tiles: 3, ChannelBlocks: 2, FilterBlocks: 2, FilterBlocksPerSumCore: 1),
            [1] = LayerSplit.FusedTiles(2),
        };
        var backend = Backend(splits: splits);
        var (host, machine, difference, _, _) = BlockedOracle.Train(Build, null, loss, 0.1f, x, y, epochs: 2, batchSize: 6, shuffle: true,
            validation: (x, y), backend);

        AssertFusedCores(backend, 2);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void OneConvLayerInFusedTiles_EachTileFirstAndOutput_CreditsItself_WeightsAndValidationMatchHost()
    {
        // Every tile core reads the input, holds the output and starts examples: inference slots are freed by its own and the other tiles' credits.
        Sequential Build() => new Sequential(seed: 8).Add(new Input(12, 3)).Add(new Conv1D(3, 2, stride: 2, padding: Padding.Same, activation: Activation.Softmax));
        var x = BlockedOracle.Uniform(23, 0, 1, 18, 12, 3);
        var y = BlockedOracle.OneHot(24, 18, 3, rows: 6);
        var backend = Backend(splits: new Dictionary<int, LayerSplit> { [0] = LayerSplit.FusedTiles(3) }, slots: 4);
        var (host, machine, difference, hostModel, _) = BlockedOracle.Train(Build, null, Loss.CategoricalCrossEntropy, 0.3f, x, y, epochs: 2, batchSize: 5,
            shuffle: true, validation: (x, y), backend);

        Assert.Equal(3, BlockedOracle.Mapping(backend).LastRun!.Cores);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
        Assert.InRange(BlockedOracle.PredictionDifference(Build, hostModel.GetWeights(), x, backend), 0f, PredictionTolerance);
    }

    [Fact]
    public void FlattenedConvOutput_InOneFusedCore_WithMseOverTheWholeRow_WeightsMatchHostWithin1e4()
    {
        Sequential Build() => new Sequential(seed: 5).Add(new Input(10, 2)).Add(new Conv1D(3, 3, activation: Activation.Softmax)).Add(new Flatten());
        var x = BlockedOracle.Uniform(31, 0, 1, 12, 10, 2);
        var y = BlockedOracle.Uniform(32, 0, 1, 12, 24);
        var backend = Backend(chains: [new(0, 0)]);
        var (host, machine, difference, _, _) = BlockedOracle.Train(Build, null, Loss.MeanSquaredError, 0.5f, x, y, epochs: 2, batchSize: 4,
            shuffle: true, validation: null, backend);

        Assert.Equal(1, BlockedOracle.Mapping(backend).LastRun!.Cores);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    public void WholeMlpInOneCore_Replicas_AndPipelineDepths_KeepTheHostsWeights(int replicas, int slots)
    {
        var x = BlockedOracle.Uniform(41, 0, 1, 22, 20);
        var y = BlockedOracle.OneHot(42, 22, 10);
        var backend = Backend(chains: [new(0, 1)], slots: slots, replicas: replicas);
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.SoftmaxMlp, null, Loss.CategoricalCrossEntropy, 0.2f, x, y,
            epochs: 3, batchSize: 8, shuffle: true, validation: (x, y), backend);

        Assert.Equal(replicas, BlockedOracle.Mapping(backend).LastRun!.Cores);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void FixedPoint_FusedChainsAndTheSplitPlan_StayWithinTheFixedPointBoundsOfTheHost()
    {
        // s16.15 is not float: both plans round differently, and both stay within 1e-3 of the host's predictions.
        // (Only the forced layers are fused: the planner would fuse the cheap fixed-point first layer too.)
        var fixture = Fixture.Load("mlp_inference");
        var fused = Backend(chains: [new(4, 5)], splits: new Dictionary<int, LayerSplit> { [1] = LayerSplit.FusedTiles(1) }, format: NumberFormat.FixedS1615, fusion: false);
        var split = BlockedOracle.Backend(new BlockedOptions { Fusion = false, TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 }, NumberFormat.FixedS1615);

        var fusedDifference = BlockedOracle.PredictionDifference(SeedModels.Mlp, fixture.Weights("w"), fixture["x"], fused);
        var splitDifference = BlockedOracle.PredictionDifference(SeedModels.Mlp, fixture.Weights("w"), fixture["x"], split);

        AssertFusedCores(fused, 2);
        Assert.DoesNotContain("fused", BlockedOracle.Mapping(split).LastRun!.Plan, StringComparison.Ordinal);
        Assert.InRange(fusedDifference, 1e-7f, 1e-3f);
        Assert.InRange(splitDifference, 1e-7f, 1e-3f);
    }

    [Fact]
    public void FixedPoint_TrainingAWholeMlpInOneCore_StaysWithin2e3OfTheHostsWeights()
    {
        var x = BlockedOracle.Uniform(43, 0, 1, 24, 20);
        var y = BlockedOracle.OneHot(44, 24, 10);
        var backend = Backend(chains: [new(0, 1)], replicas: 2, format: NumberFormat.FixedS1615);
        var (_, _, difference, _, _) = BlockedOracle.Train(SeedModels.SoftmaxMlp, null, Loss.CategoricalCrossEntropy, 0.2f, x, y,
            epochs: 2, batchSize: 8, shuffle: true, validation: null, backend);

        Assert.Equal(2, BlockedOracle.Mapping(backend).LastRun!.Cores);
        Assert.InRange(difference, 1e-6f, 2e-3f);
    }

    private static (Tensor X, Tensor Y) CnnData()
    {
        var x = BlockedOracle.Uniform(11, -0.5f, 1f, 24, 6, 3);
        var y = new Tensor(24, 1);
        for (var i = 0; i < 24; i++)
        {
            y[i, 0] = i % 3 == 0 ? 1 : 0;
        }

        return (x, y);
    }
}
