using System.Numerics.Tensors;

namespace SpiDnn.Backends.Host;

/// <summary>
/// Activations on a block of rows (each row one example, or one position of a Conv1D
/// output): forward in place on the pre-activations, backward from the outputs alone (every
/// derivative here can be written in terms of the activation's output, so the
/// pre-activations need not be kept).
/// </summary>
internal static class ActivationKernels
{
    /// <summary>Replaces the pre-activations <paramref name="values"/> by the activation outputs; softmax works per row of <paramref name="width"/>.</summary>
    public static void Forward(Activation activation, Span<float> values, int width)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(values, values);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            case Activation.Softmax:
                for (var start = 0; start < values.Length; start += width)
                {
                    var row = values.Slice(start, width);
                    // Subtracting the row maximum keeps exp from overflowing; the result is unchanged.
                    TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), row);
                    TensorPrimitives.Exp(row, row);
                    TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), $"unknown activation. Received: activation={activation}");
        }
    }

    /// <summary>
    /// Turns the gradient with respect to the outputs, <paramref name="gradient"/>, into the
    /// gradient with respect to the pre-activations, in place, given the outputs
    /// <paramref name="outputs"/>.
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> outputs, Span<float> gradient, int width)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = outputs[i] > 0 ? gradient[i] : 0f;
                }
                break;
            case Activation.Sigmoid:
                // s' = s (1 - s)
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] *= outputs[i] * (1f - outputs[i]);
                }
                break;
            case Activation.Tanh:
                // tanh' = 1 - tanh^2
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] *= 1f - outputs[i] * outputs[i];
                }
                break;
            case Activation.Softmax:
                // dz_i = a_i (g_i - sum_j g_j a_j): the softmax Jacobian applied to g.
                for (var start = 0; start < gradient.Length; start += width)
                {
                    var a = outputs.Slice(start, width);
                    var g = gradient.Slice(start, width);
                    var dot = TensorPrimitives.Dot(g, a);
                    TensorPrimitives.Subtract(g, dot, g);
                    TensorPrimitives.Multiply(g, a, g);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), $"unknown activation. Received: activation={activation}");
        }
    }
}
