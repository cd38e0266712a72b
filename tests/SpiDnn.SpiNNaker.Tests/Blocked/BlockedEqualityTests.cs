using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiDnn.Layers;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// Float mode of the blocked mapping against the host backend, on the seed's fixture models
/// (Dense and Conv1D, every activation and loss, softmax in hidden layers): predictions
/// within 1e-5, weights after several batches within 1e-4, also with forced splits that
/// exercise tiles, channel and filter blocks, sum-core groups, replicas and pipeline depths.
/// Every layer runs in weight and sum cores here (fusion off).
/// </summary>
public sealed class BlockedEqualityTests
{
    private const float PredictionTolerance = 1e-5f;
    private const float WeightTolerance = 1e-4f;

    /// <summary>The split path: every layer in weight and sum cores (fused cores have their own tests, FusedEqualityTests).</summary>
    private static SpiNNakerBackend Mapping(BlockedOptions? options = null) =>
        BlockedOracle.Backend((options ?? new BlockedOptions { TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 }) with { Fusion = false });

    [Fact]
    public void SeedMlp_Predictions_MatchHostWithin1e5()
    {
        var fixture = Fixture.Load("mlp_inference");
        var x = fixture["x"];
        var difference = BlockedOracle.PredictionDifference(SeedModels.Mlp, fixture.Weights("w"), x, Mapping());
        Assert.InRange(difference, 0f, PredictionTolerance);
    }

    [Fact]
    public void SeedConvStackWithSamePadding_Predictions_MatchHostWithin1e5()
    {
        var fixture = Fixture.Load("conv_inference_same");
        var difference = BlockedOracle.PredictionDifference(SeedModels.ConvSame, fixture.Weights("w"), fixture["x"], Mapping());
        Assert.InRange(difference, 0f, PredictionTolerance);
    }

    [Fact]
    public void SeedStridedConvStackWithSoftmax_Predictions_MatchHostWithin1e5()
    {
        var fixture = Fixture.Load("conv_inference_strided");
        var difference = BlockedOracle.PredictionDifference(SeedModels.ConvStrided, fixture.Weights("w"), fixture["x"], Mapping());
        Assert.InRange(difference, 0f, PredictionTolerance);
    }

    [Fact]
    public void SeedConvStack_WithTilesChannelAndFilterBlocksForced_PredictionsMatchHostWithin1e5()
    {
        var fixture = Fixture.Load("conv_inference_same");
        var splits = new Dictionary<int, LayerSplit>
        {
            [0] = new(Tiles: 7, ChannelBlocks: 3, FilterBlocks: 1, FilterBlocksPerSumCore: 1),
            [1] = new(Tiles: 5, ChannelBlocks: 1, FilterBlocks: 5, FilterBlocksPerSumCore: 2),
            [2] = new(Tiles: 4, ChannelBlocks: 2, FilterBlocks: 4, FilterBlocksPerSumCore: 2),
            [3] = new(Tiles: 1, ChannelBlocks: 6, FilterBlocks: 2, FilterBlocksPerSumCore: 2),
        };
        var mapping = Mapping(new BlockedOptions { Splits = splits, Slots = 4, TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 });
        var difference = BlockedOracle.PredictionDifference(SeedModels.ConvSame, fixture.Weights("w"), fixture["x"], mapping);
        Assert.InRange(difference, 0f, PredictionTolerance);
    }

    [Fact]
    public void SeedXorMlp_50EpochsOfMse_WeightsMatchHostWithin1e4()
    {
        var fixture = Fixture.Load("xor_training");
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.Xor, fixture.Weights("initial"), Loss.MeanSquaredError, 0.1f,
            fixture["x"], fixture["y"], epochs: 50, batchSize: 4, shuffle: false, validation: null, Mapping());
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void SeedCnnWithBinaryCrossEntropy_ThreeShuffledEpochs_WeightsMatchHostWithin1e4()
    {
        var fixture = Fixture.Load("cnn_sgd_step");
        var x = BlockedOracle.Uniform(11, -0.5f, 1f, 24, 6, 3);
        var y = BlockedOracle.OneHot(12, 24, 1);
        for (var i = 0; i < 24; i++)
        {
            y[i, 0] = i % 3 == 0 ? 1 : 0;
        }

        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.TwoConvAndDense, fixture.Weights("initial"), Loss.BinaryCrossEntropy, 0.05f,
            x, y, epochs: 3, batchSize: 5, shuffle: true, validation: (x, y), Mapping());
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void SoftmaxMlpWithCrossEntropyAndPartialBatches_WeightsMatchHostWithin1e4()
    {
        var fixture = Fixture.Load("mlp_cce_training");
        var (host, machine, difference, _, _) = BlockedOracle.Train(SeedModels.SoftmaxMlp, fixture.Weights("initial"), Loss.CategoricalCrossEntropy, 0.1f,
            fixture["x"], fixture["y"], epochs: 2, batchSize: 16, shuffle: false, validation: null, Mapping());
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Theory]
    [InlineData(Activation.Softmax, Loss.CategoricalCrossEntropy)]
    [InlineData(Activation.Sigmoid, Loss.CategoricalCrossEntropy)]
    [InlineData(Activation.Sigmoid, Loss.BinaryCrossEntropy)]
    [InlineData(Activation.Tanh, Loss.BinaryCrossEntropy)]
    [InlineData(Activation.Identity, Loss.MeanSquaredError)]
    [InlineData(Activation.Relu, Loss.MeanSquaredError)]
    public void ConvOutputLayerWithTiles_EveryLossAndOutputActivation_WeightsMatchHostWithin1e4(Activation output, Loss loss)
    {
        Sequential Build() => ConvOutputModel.Build(output);
        var (x, y) = ConvOutputModel.Data(loss);
        var splits = new Dictionary<int, LayerSplit>
        {
            [0] = new(Tiles: 3, ChannelBlocks: 2, FilterBlocks: 2, FilterBlocksPerSumCore: 1),
            [1] = new(Tiles: 2, ChannelBlocks: 2, FilterBlocks: 1, FilterBlocksPerSumCore: 1),
        };
        var (host, machine, difference, _, _) = BlockedOracle.Train(Build, null, loss, 0.1f, x, y, epochs: 2, batchSize: 6, shuffle: true,
            validation: (x, y), Mapping(new BlockedOptions { Splits = splits, TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 }));
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void FlattenedConvOutput_WithMseOverTheWholeRow_WeightsMatchHostWithin1e4()
    {
        Sequential Build() => new Sequential(seed: 5)
            .Add(new Input(10, 2))
            .Add(new Conv1D(3, 3, activation: Activation.Softmax))
            .Add(new Flatten());
        var x = BlockedOracle.Uniform(31, 0, 1, 12, 10, 2);
        var y = BlockedOracle.Uniform(32, 0, 1, 12, 24);
        var (host, machine, difference, _, _) = BlockedOracle.Train(Build, null, Loss.MeanSquaredError, 0.5f, x, y, epochs: 2, batchSize: 4,
            shuffle: true, validation: null, Mapping());
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 8)]
    public void Replicas_AndPipelineDepths_KeepTheHostsWeights(int replicas, int slots)
    {
        // 22 examples in batches of 8: the last batch of 6 gives replica shares of 2 or 3; with
        // 4 replicas below, a batch of 2 leaves two replicas with nothing to do.
        var x = BlockedOracle.Uniform(41, 0, 1, 22, 20);
        var y = BlockedOracle.OneHot(42, 22, 10);
        var splits = new Dictionary<int, LayerSplit>
        {
            [0] = new(Tiles: 1, ChannelBlocks: 3, FilterBlocks: 4, FilterBlocksPerSumCore: 2),
            [1] = new(Tiles: 1, ChannelBlocks: 2, FilterBlocks: 2, FilterBlocksPerSumCore: 2),
        };
        var mapping = Mapping(new BlockedOptions { Replicas = replicas, Slots = slots, Splits = splits, TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 });
        var (host, machine, difference, _, _) = BlockedOracle.Train(() => SeedModels.SoftmaxMlp(), null, Loss.CategoricalCrossEntropy, 0.2f, x, y,
            epochs: 3, batchSize: 8, shuffle: true, validation: (x, y), mapping);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }

    [Fact]
    public void MoreReplicasThanExamplesInABatch_IdleReplicasStillCombine()
    {
        var x = BlockedOracle.Uniform(51, 0, 1, 10, 20);
        var y = BlockedOracle.OneHot(52, 10, 10);
        var mapping = Mapping(new BlockedOptions { Replicas = 4, Slots = 2, TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 });
        var (host, machine, difference, _, _) = BlockedOracle.Train(() => SeedModels.SoftmaxMlp(), null, Loss.CategoricalCrossEntropy, 0.2f, x, y,
            epochs: 2, batchSize: 4, shuffle: true, validation: null, mapping);
        Assert.InRange(difference, 0f, WeightTolerance);
        BlockedOracle.AssertHistoriesEqual(host, machine);
    }
}
