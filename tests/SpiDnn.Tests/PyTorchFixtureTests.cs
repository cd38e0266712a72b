using SpiDnn.Optimizers;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.Tests;

/// <summary>
/// The host backend against golden values computed by PyTorch in float64
/// (tools/make_fixtures.py). The models are the script's (<see cref="SeedModels"/>); the
/// fixture supplies the inputs, the initial weights (Keras layout) and the expected
/// predictions or trained weights.
/// </summary>
public sealed class PyTorchFixtureTests
{
    private const float PredictionTolerance = 1e-5f;
    private const float TrainedWeightTolerance = 1e-4f;

    [Fact]
    public void SeedMlp_Predictions_MatchPyTorchWithin1e5()
    {
        var fixture = Fixture.Load("mlp_inference");
        var model = SeedModels.Mlp();

        AssertPredictions(fixture, model);
    }

    [Fact]
    public void SeedConvStackWithSamePadding_Predictions_MatchPyTorchWithin1e5()
    {
        var fixture = Fixture.Load("conv_inference_same");
        var model = SeedModels.ConvSame();

        AssertPredictions(fixture, model);
    }

    [Fact]
    public void SeedStridedConvStack_Predictions_MatchPyTorchWithin1e5()
    {
        var fixture = Fixture.Load("conv_inference_strided");
        var model = SeedModels.ConvStrided();

        AssertPredictions(fixture, model);
    }

    [Fact]
    public void SeedXorMlp_After50EpochsOfSgd_WeightsMatchPyTorchWithin1e4()
    {
        var fixture = Fixture.Load("xor_training");
        var model = SeedModels.Xor();
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f));

        AssertTraining(fixture, model, epochs: 50, batchSize: 4);
    }

    [Fact]
    public void TwoConvAndDenseWithKnownWeights_OneSgdStep_WeightsMatchPyTorchWithin1e4()
    {
        var fixture = Fixture.Load("cnn_sgd_step");
        var model = SeedModels.TwoConvAndDense();
        model.Compile(Loss.BinaryCrossEntropy, new Sgd(0.01f));

        AssertTraining(fixture, model, epochs: 1, batchSize: 4);
    }

    [Fact]
    public void SoftmaxMlpWithCrossEntropyAndPartialBatches_TwoEpochs_WeightsMatchPyTorchWithin1e4()
    {
        var fixture = Fixture.Load("mlp_cce_training");
        var model = SeedModels.SoftmaxMlp();
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.1f));

        AssertTraining(fixture, model, epochs: 2, batchSize: 16);
    }

    private static void AssertPredictions(Fixture fixture, Sequential model)
    {
        model.SetWeights(fixture.Weights("w"));

        var predictions = model.Predict(fixture["x"], batchSize: 64);

        Assert.InRange(Fixture.MaxAbsDifference(fixture["predictions"], predictions), 0f, PredictionTolerance);
    }

    private static void AssertTraining(Fixture fixture, Sequential model, int epochs, int batchSize)
    {
        model.SetWeights(fixture.Weights("initial"));

        var history = model.Fit(fixture["x"], fixture["y"], epochs, batchSize, shuffle: false);

        var expected = fixture.Weights("trained");
        var actual = model.GetWeights();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.InRange(Fixture.MaxAbsDifference(expected[i], actual[i]), 0f, TrainedWeightTolerance);
        }
        var losses = fixture.Manifest.GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(losses.Length, history.Epochs);
        for (var e = 0; e < losses.Length; e++)
        {
            Assert.Equal(losses[e], history.Loss[e], 1e-5 * Math.Max(1, Math.Abs(losses[e])));
        }
        // The update itself (trained - initial) must match too: for a short run the weights move
        // little, and comparing only the weights would let a missing update pass.
        var initial = fixture.Weights("initial");
        for (var i = 0; i < expected.Count; i++)
        {
            var expectedStep = Subtract(expected[i], initial[i]);
            var actualStep = Subtract(actual[i], initial[i]);
            var largest = expectedStep.ReadOnlySpan.ToArray().Max(Math.Abs);
            Assert.True(largest > 0, $"weight tensor {i} did not move in the fixture");
            Assert.InRange(Fixture.MaxAbsDifference(expectedStep, actualStep), 0f, Math.Max(2e-6f, 0.01f * largest));
        }
    }

    private static Tensor Subtract(Tensor a, Tensor b)
    {
        var result = a.Clone();
        System.Numerics.Tensors.TensorPrimitives.Subtract(a.ReadOnlySpan, b.ReadOnlySpan, result.Span);
        return result;
    }
}
