using SpiDnn.Numerics;

namespace SpiDnn.Layers;

/// <summary>
/// A 1-D convolution over a channels-last sequence (cross-correlation, as in Keras):
/// <c>output[p, f] = activation(bias[f] + sum_{k, c} input[p * stride + k - padBefore, c] * kernel[k, c, f])</c>,
/// where input positions outside the sequence read zero.
/// Input: <c>(steps, channels)</c>. Output: <c>(outSteps, filters)</c> with
/// <c>outSteps = floor((steps - kernelSize) / stride) + 1</c> for valid padding and
/// <c>ceil(steps / stride)</c> for same padding (Keras/TensorFlow rule: see <see cref="Padding.Same"/>).
/// Softmax normalises over the filters at each position.
/// Weights (Keras layout): <c>kernel</c> of shape <c>(kernelSize, channels, filters)</c>,
/// <c>bias</c> of shape <c>(filters,)</c>; Glorot-uniform with <c>fanIn = kernelSize * channels</c>
/// and <c>fanOut = kernelSize * filters</c>, zero bias.
/// </summary>
public sealed class Conv1D : Layer
{
    private readonly Activation _activation;

    /// <summary>Creates the layer definition.</summary>
    /// <param name="filters">The number of output channels (positive).</param>
    /// <param name="kernelSize">The width of the window (positive).</param>
    /// <param name="stride">The step between windows (positive).</param>
    /// <param name="padding">Valid (no padding) or Same (Keras' zero padding).</param>
    /// <param name="activation">The activation (identity by default).</param>
    public Conv1D(int filters, int kernelSize, int stride = 1, Padding padding = Padding.Valid,
        Activation activation = Activation.Identity)
    {
        Filters = Positive(filters, nameof(filters));
        KernelSize = Positive(kernelSize, nameof(kernelSize));
        Stride = Positive(stride, nameof(stride));
        Padding = Defined(padding, nameof(padding));
        _activation = Defined(activation, nameof(activation));
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The width of the window.</summary>
    public int KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The padding mode.</summary>
    public Padding Padding { get; }

    /// <inheritdoc/>
    public override Activation Activation => _activation;

    internal override string KerasStem => "conv1d";

    /// <inheritdoc/>
    public override string TypeName => "Conv1D";

    /// <inheritdoc/>
    public override IReadOnlyList<string> WeightNames => ["kernel", "bias"];

    /// <summary>The number of input steps (known once built).</summary>
    public int InputSteps => InputShape[0];

    /// <summary>The number of input channels (known once built).</summary>
    public int Channels => InputShape[1];

    /// <summary>The number of output positions (known once built).</summary>
    public int OutputSteps => OutputShape[0];

    /// <summary>The zero positions added before the first input step (known once built).</summary>
    public int PadBefore => SamePadding(InputSteps).Before;

    /// <summary>
    /// The Keras/TensorFlow "same" padding for <paramref name="steps"/> inputs:
    /// <c>pad_total = max((ceil(n / s) - 1) * s + k - n, 0)</c>, <c>before = pad_total / 2</c>,
    /// <c>after = pad_total - before</c>. Valid padding is (0, 0).
    /// </summary>
    public (int Before, int After) SamePadding(int steps)
    {
        if (Padding == Padding.Valid)
        {
            return (0, 0);
        }
        var outSteps = (steps + Stride - 1) / Stride;
        var total = Math.Max((outSteps - 1) * Stride + KernelSize - steps, 0);
        return (total / 2, total - total / 2);
    }

    internal override int[] ComputeOutputShape(int[] inputShape)
    {
        if (inputShape.Length != 2)
        {
            throw new ArgumentException(
                $"Conv1D expects inputs of shape (steps, channels). Received: input_shape={Describe(inputShape)}");
        }
        var steps = inputShape[0];
        if (Padding == Padding.Same)
        {
            return [(steps + Stride - 1) / Stride, Filters];
        }
        if (KernelSize > steps)
        {
            throw new ArgumentException(
                $"Conv1D with valid padding needs kernelSize <= steps. Received: kernelSize={KernelSize}, input_shape={Describe(inputShape)}");
        }
        return [(steps - KernelSize) / Stride + 1, Filters];
    }

    internal override Tensor[] CreateWeights(ref SplitMix64 random)
    {
        var channels = InputShape[1];
        return
        [
            GlorotUniform(ref random, KernelSize * channels, KernelSize * Filters, KernelSize, channels, Filters),
            new Tensor(Filters),
        ];
    }
}
