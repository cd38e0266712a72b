using SpiDnn.Training;
using SpiDnn.Data;
using SpiDnn.Models;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// The accuracy cost of s16.15 fixed point against float on the MNIST MLP (the bounds of
/// docs/mapping-blocked.md, section 9): from the same weights the predicted probabilities
/// differ by at most 1e-3 (measured 2.2e-4 on the whole test set) and pick the same digit;
/// trained in fixed point, the test accuracy is within two points of float's.
/// </summary>
public sealed class FixedPointAccuracyTests
{
    private static readonly (Dataset Train, Dataset Test) Digits = Mnist.LoadEmbedded();

    [Fact]
    public void FromTheSameWeights_FixedPointPredictionsAreWithin1e3OfFloat_AndPickTheSameDigits()
    {
        var x = Compare.Head(Digits.Test.X, 300);
        Sequential Trained()
        {
            var model = ModelZoo.Mlp.Build(0);
            model.Compile(Loss.CategoricalCrossEntropy, new Optimizers.Sgd(0.4f));
            model.Fit(Compare.Head(Digits.Train.X, 2000), Compare.Head(Digits.Train.Y, 2000), 1, 32);
            return model;
        }

        var weights = Trained().GetWeights();
        Tensor Predict(NumberFormat format)
        {
            var model = ModelZoo.Mlp.Build(0);
            model.Compile(Loss.CategoricalCrossEntropy, new Optimizers.Sgd(0.4f), BlockedOracle.Backend(format: format));
            model.SetWeights(weights);
            return model.Predict(x);
        }

        var floats = Predict(NumberFormat.Float);
        var fixedPoint = Predict(NumberFormat.FixedS1615);

        Assert.InRange(BlockedOracle.MaxDifference(floats.ReadOnlySpan, fixedPoint.ReadOnlySpan), 0f, 1e-3f);
        for (var r = 0; r < x.Dim(0); r++)
        {
            Assert.Equal(LossFunctions.ArgMax(floats.RowSpan(r)), LossFunctions.ArgMax(fixedPoint.RowSpan(r)));
        }
    }

    [Fact]
    public void TrainedInFixedPoint_TheTestAccuracyIsWithinTwoPointsOfFloat()
    {
        float Accuracy(NumberFormat format)
        {
            var model = ModelZoo.Mlp.Build(0);
            model.Compile(Loss.CategoricalCrossEntropy, new Optimizers.Sgd(0.4f), BlockedOracle.Backend(format: format));
            model.Fit(Compare.Head(Digits.Train.X, 1600), Compare.Head(Digits.Train.Y, 1600), 1, 32);
            return model.Evaluate(Compare.Head(Digits.Test.X, 400), Compare.Head(Digits.Test.Y, 400)).Accuracy;
        }

        var floats = Accuracy(NumberFormat.Float);
        var fixedPoint = Accuracy(NumberFormat.FixedS1615);

        Assert.InRange(floats, 0.8f, 1f);
        Assert.InRange(Math.Abs(floats - fixedPoint), 0f, 0.02f);
    }
}
