using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Optimizers;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// Training on a simulated SpiNN-5 with the neuron mapping against the PyTorch fixtures and
/// the host backend: trained weights within 1e-4 (and the update itself within 1 % of its
/// size), epoch losses as the loss vertex reported them within 1e-4 relative.
/// </summary>
public sealed class FixtureTrainingTests
{
    private const float WeightTolerance = 1e-4f;

    [Theory]
    [InlineData(BackwardVariant.MulticastEachError)]
    [InlineData(BackwardVariant.SharedParameters)]
    public void SoftmaxMlpWithCrossEntropyAndPartialBatches_TrainsLikePyTorchAndTheHost(BackwardVariant variant) =>
        AssertTraining("mlp_cce_training", SeedModels.SoftmaxMlp, Loss.CategoricalCrossEntropy, 0.1f, epochs: 2, batchSize: 16, variant);

    [Fact]
    public void TwoConvAndDense_OneSgdStep_TrainsLikePyTorchAndTheHost_WhichTheSeedNeverManaged() =>
        AssertTraining("cnn_sgd_step", SeedModels.TwoConvAndDense, Loss.BinaryCrossEntropy, 0.01f, epochs: 1, batchSize: 4, BackwardVariant.MulticastEachError);

    [Fact]
    public void SeedXorMlp_50EpochsWithSharedParameters_TrainsLikePyTorchAndTheHost() =>
        // The thesis trained this model with shared parameters (multicast each error explodes on
        // its 300 -> 50 pair: see ExplosionTests).
        AssertTraining("xor_training", SeedModels.Xor, Loss.MeanSquaredError, 0.1f, epochs: 50, batchSize: 4, BackwardVariant.SharedParameters);

    private static void AssertTraining(string fixtureName, Func<Sequential> build, Loss loss, float learningRate, int epochs, int batchSize, BackwardVariant variant)
    {
        var fixture = Fixture.Load(fixtureName);
        var initial = fixture.Weights("initial");
        var host = build();
        host.Compile(loss, new Sgd(learningRate));
        host.SetWeights(initial);
        host.Fit(fixture["x"], fixture["y"], epochs, batchSize, shuffle: false);
        var model = build();
        model.Compile(loss, new Sgd(learningRate), Backends.SpiNN5(variant));
        model.SetWeights(initial);

        var history = model.Fit(fixture["x"], fixture["y"], epochs, batchSize, shuffle: false);

        var trained = model.GetWeights();
        Compare.Within(fixture.Weights("trained"), trained, WeightTolerance);
        Compare.StepsMatch(initial, fixture.Weights("trained"), trained);
        Compare.Within(host.GetWeights(), trained, WeightTolerance);
        var losses = fixture.Manifest.GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(losses.Length, history.Epochs);
        for (var e = 0; e < losses.Length; e++)
        {
            Assert.Equal(losses[e], history.Loss[e], 1e-4 * Math.Max(1, Math.Abs(losses[e])));
        }
        Assert.Equal(0, ((SpiDnn.Backends.SpiNNaker.SpiNNakerRunStatistics)history.BackendStatistics!).PacketsLost);
    }
}
