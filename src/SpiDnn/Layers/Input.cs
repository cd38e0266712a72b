using SpiDnn.Numerics;

namespace SpiDnn.Layers;

/// <summary>
/// Declares the shape of one input example (without the batch axis), like Keras'
/// <c>Input(shape)</c>: <c>Input(784)</c> for a vector, <c>Input(224, 3)</c> for a sequence of 224
/// steps with 3 channels (channels last, as Conv1D expects). It must be the first layer of a
/// <see cref="Sequential"/> model; it has no weights and is not listed in <see cref="Sequential.Layers"/>.
/// </summary>
public sealed class Input : Layer
{
    private readonly int[] _shape;

    /// <summary>Declares the input shape.</summary>
    /// <param name="shape">The positive size of each axis of one example.</param>
    public Input(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0)
        {
            throw new ArgumentException("expected at least one axis. Received: shape=()", nameof(shape));
        }
        foreach (var size in shape)
        {
            if (size <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape),
                    $"expected a positive integer for every axis. Received: shape={Tensor.FormatShape(shape)}");
            }
        }
        _shape = (int[])shape.Clone();
        var random = new SplitMix64(0);
        Build(_shape, ref random);
    }

    /// <summary>The declared shape of one example.</summary>
    public int[] Shape => (int[])_shape.Clone();

    internal override string KerasStem => "input";

    /// <inheritdoc/>
    public override string TypeName => "InputLayer";

    internal override int[] ComputeOutputShape(int[] inputShape) => inputShape;
}
