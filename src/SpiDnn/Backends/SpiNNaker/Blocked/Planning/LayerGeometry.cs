using SpiDnn.Layers;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// A weighted layer seen as a 1-D convolution: input <c>(InSteps, Channels)</c>, kernel
/// <see cref="Kernel"/>, stride, zero padding before, output <c>(OutSteps, Filters)</c>. A
/// <see cref="Dense"/> of n inputs and u units is the convolution with one step, n channels,
/// kernel 1 and u filters, so one algorithm maps both. Values are addressed by their flat
/// row-major index <c>position * width + channel</c>, which is also Keras' flatten order.
/// </summary>
internal sealed record LayerGeometry(
    int Index,
    string Name,
    int InSteps,
    int Channels,
    int Kernel,
    int Stride,
    int PadBefore,
    int OutSteps,
    int Filters,
    Activation Activation)
{
    /// <summary>Values per example entering the layer.</summary>
    public int InputLength => InSteps * Channels;

    /// <summary>Values per example leaving the layer.</summary>
    public int OutputLength => OutSteps * Filters;

    /// <summary>Kernel weights (<c>Kernel x Channels x Filters</c>).</summary>
    public int KernelWeights => Kernel * Channels * Filters;

    /// <summary>The input position read by output position <paramref name="p"/> at tap <paramref name="k"/> (may be outside the sequence: padding).</summary>
    public int InputPosition(int p, int k) => (p * Stride) + k - PadBefore;

    /// <summary>
    /// The multiply-accumulates of one example's forward pass, padding taps excluded (a core
    /// skips them).
    /// </summary>
    public long ForwardMacs
    {
        get
        {
            long taps = 0;
            for (var p = 0; p < OutSteps; p++)
            {
                for (var k = 0; k < Kernel; k++)
                {
                    var q = InputPosition(p, k);
                    if (q >= 0 && q < InSteps)
                    {
                        taps++;
                    }
                }
            }

            return taps * Channels * Filters;
        }
    }

    /// <summary>The geometry of a Dense layer.</summary>
    public static LayerGeometry FromDense(int index, Dense dense) =>
        new(index, dense.Name, 1, dense.InputLength, 1, 1, 0, 1, dense.Units, dense.Activation);

    /// <summary>The geometry of a Conv1D layer.</summary>
    public static LayerGeometry FromConv1D(int index, Conv1D conv) =>
        new(index, conv.Name, conv.InputSteps, conv.Channels, conv.KernelSize, conv.Stride, conv.PadBefore, conv.OutputSteps, conv.Filters, conv.Activation);
}
