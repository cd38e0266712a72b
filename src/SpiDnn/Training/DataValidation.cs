using SpiDnn.Layers;

namespace SpiDnn.Training;

/// <summary>
/// Checks of user data before it reaches a backend. Every failure names the argument and the
/// value received, so a wrong shape or a NaN never turns into a silent wrong number.
/// </summary>
internal static class DataValidation
{
    /// <summary>Checks that <paramref name="x"/> is a non-empty batch of finite examples of <paramref name="exampleShape"/>.</summary>
    public static void CheckInputs(Tensor? x, int[] exampleShape, string argument)
    {
        if (x is null)
        {
            throw new ArgumentNullException(argument);
        }
        CheckBatchShape(x, exampleShape, argument);
        CheckFinite(x, argument);
    }

    /// <summary>
    /// Checks labels: a batch of <paramref name="outputShape"/> with as many examples as the
    /// inputs (a single-output model also takes a vector of n labels), finite, and valid for
    /// the loss (one-hot rows for categorical cross-entropy, values in [0, 1] for binary
    /// cross-entropy). Returns the labels with the model's output shape.
    /// </summary>
    public static Tensor CheckLabels(Tensor? y, int[] outputShape, int examples, Loss loss, string argument)
    {
        if (y is null)
        {
            throw new ArgumentNullException(argument);
        }
        if (y.Rank == 1 && outputShape is [1] && y.Length == examples)
        {
            y = y.Reshape(examples, 1);
        }
        CheckBatchShape(y, outputShape, argument);
        if (y.Dim(0) != examples)
        {
            throw new ArgumentException(
                $"expected as many labels as inputs ({examples}). Received: {argument} with shape {Tensor.FormatShape(y.Shape)}", argument);
        }
        CheckFinite(y, argument);
        var width = outputShape[^1];
        var values = y.ReadOnlySpan;
        if (loss == Loss.CategoricalCrossEntropy)
        {
            for (var row = 0; row < values.Length / width; row++)
            {
                var labels = values.Slice(row * width, width);
                var ones = 0;
                foreach (var v in labels)
                {
                    if (v == 1)
                    {
                        ones++;
                    }
                    else if (v != 0)
                    {
                        ones = -1;
                        break;
                    }
                }
                if (ones != 1)
                {
                    throw new ArgumentException(
                        $"categorical cross-entropy expects one-hot label rows (one 1, the rest 0). Received: {argument} row {row} = [{string.Join(", ", labels.ToArray())}]",
                        argument);
                }
            }
        }
        else if (loss == Loss.BinaryCrossEntropy)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is < 0 or > 1)
                {
                    throw new ArgumentException(
                        $"binary cross-entropy expects labels in [0, 1]. Received: {argument} value {values[i]} at flat index {i}", argument);
                }
            }
        }
        return y;
    }

    /// <summary>Throws unless <paramref name="value"/> is positive (Keras' wording).</summary>
    public static void CheckPositive(int value, string argument)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(argument, $"expected a positive integer. Received: {argument}={value}");
        }
    }

    private static void CheckBatchShape(Tensor t, int[] exampleShape, string argument)
    {
        var shape = t.Shape;
        if (shape.Length != exampleShape.Length + 1 || !shape.AsSpan(1).SequenceEqual(exampleShape))
        {
            var expected = Tensor.FormatShape([-1, .. exampleShape]).Replace("-1", "n", StringComparison.Ordinal);
            throw new ArgumentException(
                $"expected {argument} of shape {expected}. Received: {argument} with shape {Tensor.FormatShape(shape)}", argument);
        }
        if (shape[0] == 0)
        {
            throw new ArgumentException($"expected at least one example. Received: {argument} with shape {Tensor.FormatShape(shape)} (empty)", argument);
        }
    }

    private static void CheckFinite(Tensor t, string argument)
    {
        var bad = Layer.IndexOfNonFinite(t.ReadOnlySpan);
        if (bad >= 0)
        {
            var row = bad / t.RowLength;
            throw new ArgumentException(
                $"expected finite values. Received: {argument} contains {t.ReadOnlySpan[bad].ToString(System.Globalization.CultureInfo.InvariantCulture)} in example {row} (flat index {bad})", argument);
        }
    }
}
