using SpiDnn.Numerics;

namespace SpiDnn.Layers;

/// <summary>
/// A fully connected layer: <c>output = activation(dot(input, kernel) + bias)</c>.
/// Input: a vector of <c>n</c> values per example; an input of higher rank (for example a
/// Conv1D output <c>(steps, filters)</c>) is flattened implicitly in row-major
/// (position-major) order, as the seed system did. Output: <c>units</c> values.
/// Weights (Keras layout): <c>kernel</c> of shape <c>(n, units)</c>, <c>bias</c> of shape
/// <c>(units,)</c>; the kernel starts Glorot-uniform (seeded), the bias at zero.
/// </summary>
public sealed class Dense : Layer
{
    /// <summary>Creates the layer definition.</summary>
    /// <param name="units">The number of outputs (positive).</param>
    /// <param name="activation">The activation (identity by default).</param>
    public Dense(int units, Activation activation = Activation.Identity)
    {
        Units = Positive(units, nameof(units));
        _activation = Defined(activation, nameof(activation));
    }

    private readonly Activation _activation;

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <inheritdoc/>
    public override Activation Activation => _activation;

    internal override string KerasStem => "dense";

    /// <inheritdoc/>
    public override string TypeName => "Dense";

    /// <inheritdoc/>
    public override IReadOnlyList<string> WeightNames => ["kernel", "bias"];

    internal override int[] ComputeOutputShape(int[] inputShape) => [Units];

    internal override Tensor[] CreateWeights(ref SplitMix64 random)
    {
        var inputs = InputLength;
        return [GlorotUniform(ref random, inputs, Units, inputs, Units), new Tensor(Units)];
    }
}
