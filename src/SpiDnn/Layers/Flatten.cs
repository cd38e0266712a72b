namespace SpiDnn.Layers;

/// <summary>
/// Reshapes each example to a vector, in row-major order: a Conv1D output of shape
/// <c>(steps, filters)</c> becomes <c>steps * filters</c> values, position-major
/// (<c>[p0f0, p0f1, ..., p1f0, ...]</c>), exactly like Keras' <c>Flatten</c> on a channels-last
/// tensor. No weights. A <see cref="Dense"/> layer flattens its input implicitly, so this
/// layer is optional.
/// </summary>
public sealed class Flatten : Layer
{
    internal override string KerasStem => "flatten";

    /// <inheritdoc/>
    public override string TypeName => "Flatten";

    internal override int[] ComputeOutputShape(int[] inputShape) => [Product(inputShape)];
}
