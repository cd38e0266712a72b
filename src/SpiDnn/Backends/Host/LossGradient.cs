using SpiDnn.Training;

namespace SpiDnn.Backends.Host;

/// <summary>
/// The gradient of the batch-mean loss with respect to the model output (Keras semantics; the
/// loss values themselves are <see cref="LossFunctions"/>). For a softmax output with
/// categorical cross-entropy and a sigmoid output with binary cross-entropy the gradient is
/// taken directly with respect to the pre-activations, <c>(p - y) / scale</c>: the exact
/// derivative of the loss computed from logits, which is what Keras uses for those pairs.
/// </summary>
internal static class LossGradient
{
    /// <summary>
    /// Writes the gradient into <paramref name="gradient"/> for <c>rows = outputs.Length / width</c>
    /// rows, each weighing 1 / <paramref name="totalRows"/> in the batch mean. Returns true when the
    /// gradient is already with respect to the pre-activations (the fused pairs).
    /// </summary>
    public static bool Compute(Loss loss, Activation outputActivation, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        Span<float> gradient, int width, int totalRows)
    {
        var perRow = 1f / totalRows;
        switch (loss)
        {
            case Loss.MeanSquaredError:
            {
                var scale = 2f * perRow / width;
                for (var i = 0; i < outputs.Length; i++)
                {
                    gradient[i] = scale * (outputs[i] - labels[i]);
                }
                return false;
            }
            case Loss.CategoricalCrossEntropy when outputActivation == Activation.Softmax:
            case Loss.BinaryCrossEntropy when outputActivation == Activation.Sigmoid:
            {
                var scale = loss == Loss.BinaryCrossEntropy ? perRow / width : perRow;
                for (var i = 0; i < outputs.Length; i++)
                {
                    gradient[i] = scale * (outputs[i] - labels[i]);
                }
                return true;
            }
            case Loss.CategoricalCrossEntropy:
                for (var start = 0; start < outputs.Length; start += width)
                {
                    CategoricalRow(outputs.Slice(start, width), labels.Slice(start, width), gradient.Slice(start, width), perRow);
                }
                return false;
            case Loss.BinaryCrossEntropy:
            {
                var scale = perRow / width;
                for (var i = 0; i < outputs.Length; i++)
                {
                    var p = outputs[i];
                    var inside = p >= LossFunctions.Epsilon && p <= 1 - LossFunctions.Epsilon;
                    // d/dp of -(y log p + (1 - y) log(1 - p)); zero where the clip is active.
                    gradient[i] = inside ? scale * ((p - labels[i]) / (p * (1 - p))) : 0f;
                }
                return false;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), $"unknown loss. Received: loss={loss}");
        }
    }

    /// <summary>
    /// The gradient of <c>-sum_i y_i log clip(p_i / S)</c>, <c>S = sum_j p_j</c>, with respect
    /// to p: with <c>g_i = -y_i / q_i</c> where the clip is inactive (else 0),
    /// <c>dL/dp_j = (g_j - sum_i g_i q_i) / S</c>.
    /// </summary>
    private static void CategoricalRow(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> gradient, float scale)
    {
        double total = 0;
        foreach (var value in p)
        {
            total += value;
        }
        double weighted = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var q = p[i] / total;
            var g = y[i] != 0 && q >= LossFunctions.Epsilon && q <= 1 - (double)LossFunctions.Epsilon ? -y[i] / q : 0;
            gradient[i] = (float)g;
            weighted += g * q;
        }
        for (var i = 0; i < p.Length; i++)
        {
            gradient[i] = (float)(scale * (gradient[i] - weighted) / total);
        }
    }
}
