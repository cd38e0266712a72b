namespace SpiDnn.Training;

/// <summary>
/// The losses and the accuracy metric on predictions, shared by every backend so that
/// reported numbers mean the same everywhere. A model output is seen as rows of its last
/// axis (one row per example for a vector output, one per position for a Conv1D output);
/// each row gives one loss value and one accuracy hit, and a batch reports their mean over
/// all rows (Keras' "sum over batch size" reduction).
/// </summary>
internal static class LossFunctions
{
    /// <summary>Keras' <c>epsilon()</c>: probabilities are clipped to [Epsilon, 1 - Epsilon] before a log.</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>The loss of one output row <paramref name="p"/> against its label row <paramref name="y"/>.</summary>
    public static double RowLoss(Loss loss, ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        switch (loss)
        {
            case Loss.MeanSquaredError:
            {
                double sum = 0;
                for (var i = 0; i < p.Length; i++)
                {
                    double d = p[i] - y[i];
                    sum += d * d;
                }
                return sum / p.Length;
            }
            case Loss.CategoricalCrossEntropy:
            {
                // Keras' probability path: normalise the row to sum 1, clip, then -sum y log q.
                double total = 0;
                foreach (var value in p)
                {
                    total += value;
                }
                double sum = 0;
                for (var i = 0; i < p.Length; i++)
                {
                    if (y[i] != 0)
                    {
                        var q = Math.Clamp(p[i] / total, Epsilon, 1 - (double)Epsilon);
                        sum -= y[i] * Math.Log(q);
                    }
                }
                return sum;
            }
            case Loss.BinaryCrossEntropy:
            {
                double sum = 0;
                for (var i = 0; i < p.Length; i++)
                {
                    var q = Math.Clamp((double)p[i], Epsilon, 1 - (double)Epsilon);
                    sum -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
                }
                return sum / p.Length;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), $"unknown loss. Received: loss={loss}");
        }
    }

    /// <summary>
    /// Whether a row counts as correct: for a single output, prediction and label fall on the
    /// same side of 0.5; otherwise the first index of the largest prediction equals that of the
    /// largest label.
    /// </summary>
    public static bool RowCorrect(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        if (p.Length == 1)
        {
            return p[0] > 0.5f == y[0] > 0.5f;
        }
        return ArgMax(p) == ArgMax(y);
    }

    /// <summary>Sums loss and hits over all rows of a block of predictions and labels.</summary>
    public static (double LossSum, int Correct, int Rows) Score(Loss loss, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, int width)
    {
        double lossSum = 0;
        var correct = 0;
        var rows = predictions.Length / width;
        for (var r = 0; r < rows; r++)
        {
            var p = predictions.Slice(r * width, width);
            var y = labels.Slice(r * width, width);
            lossSum += RowLoss(loss, p, y);
            correct += RowCorrect(p, y) ? 1 : 0;
        }
        return (lossSum, correct, rows);
    }

    /// <summary>The first index of the largest value.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
