using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// The products of one kernel block <c>Kernel x channels x filters</c> over one tile of
/// output positions, as the core that holds the block computes them (docs/mapping-blocked.md,
/// section 2): the pre-activations <c>z[p, f] = sum_k sum_c x[p s + k - pad, c] W[f, k, c]</c>,
/// the input errors <c>e[q, c] = sum_(p, k reading q) sum_f W[f, k, c] delta[p, f]</c> and the
/// gradient <c>G[f, k, c] += sum_p x[p s + k - pad, c] delta[p, f]</c>. Inputs are the
/// window's rows (<c>row * channels + channel</c>), weights <c>[filter][tap][channel]</c>,
/// outputs and deltas <c>p * filters + f</c>. Weight cores and fused cores share it; every
/// product is charged to the core's cost model here.
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal sealed class KernelBlock<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    private readonly ICoreContext _context;
    private readonly ArithmeticCosts _costs;
    private readonly int[] _tapRow;

    /// <summary>
    /// Reads the block's geometry from a parameter region (kernel, stride, padding before,
    /// tile start and count, window start and count, channels, filters: the order in which
    /// the weight and fused cores' layouts write it) and allocates the block.
    /// </summary>
    public static KernelBlock<T, TAcc, TOps> Read(ICoreContext context, ArithmeticCosts costs, ref DataRegionReader reader)
    {
        var kernel = reader.Int();
        var stride = reader.Int();
        var padBefore = reader.Int();
        var tileStart = reader.Int();
        var tileCount = reader.Int();
        var windowStart = reader.Int();
        var windowCount = reader.Int();
        var channels = reader.Int();
        var filters = reader.Int();
        return new KernelBlock<T, TAcc, TOps>(context, costs, kernel, stride, padBefore, tileStart, tileCount, windowStart, windowCount, channels, filters);
    }

    /// <summary>Allocates the block's tap table in DTCM (<c>tile x kernel</c> rows).</summary>
    public KernelBlock(ICoreContext context, ArithmeticCosts costs, int kernel, int stride, int padBefore, int tileStart, int tileCount, int windowStart, int windowCount, int channels, int filters)
    {
        _context = context;
        _costs = costs;
        Kernel = kernel;
        TileCount = tileCount;
        WindowCount = windowCount;
        Channels = channels;
        Filters = filters;

        // Which window row each (output position, tap) reads, or -1 for padding.
        _tapRow = context.AllocateDtcm<int>(tileCount * kernel);
        long taps = 0;
        for (var p = 0; p < tileCount; p++)
        {
            for (var k = 0; k < kernel; k++)
            {
                var row = ((tileStart + p) * stride) + k - padBefore - windowStart;
                var valid = row >= 0 && row < windowCount;
                _tapRow[(p * kernel) + k] = valid ? row : -1;
                taps += valid ? 1 : 0;
            }
        }

        Macs = taps * channels * filters;
    }

    /// <summary>Taps of the kernel.</summary>
    public int Kernel { get; }

    /// <summary>Output positions of the tile.</summary>
    public int TileCount { get; }

    /// <summary>Input positions of the window.</summary>
    public int WindowCount { get; }

    /// <summary>Input channels of the block.</summary>
    public int Channels { get; }

    /// <summary>Filters of the block.</summary>
    public int Filters { get; }

    /// <summary>Input values per example (window rows x channels).</summary>
    public int RowValues => WindowCount * Channels;

    /// <summary>Output values per example (tile positions x filters).</summary>
    public int Outputs => TileCount * Filters;

    /// <summary>Weights of the block.</summary>
    public int Weights => Filters * Kernel * Channels;

    /// <summary>Multiply-accumulates of one pass over one example (padding taps skipped).</summary>
    public long Macs { get; }

    /// <summary>The window row output position <paramref name="p"/> reads at tap <paramref name="k"/>, or -1 (padding).</summary>
    public int TapRow(int p, int k) => _tapRow[(p * Kernel) + k];

    /// <summary>
    /// Adds the products of tap <paramref name="k"/>, channels <c>[channel, channel + length)</c>,
    /// for output <paramref name="p"/> and filter <paramref name="f"/> to <paramref name="acc"/>
    /// (the tap must not be padding); charged.
    /// </summary>
    public TAcc DotChunk(TAcc acc, ReadOnlySpan<T> inputs, ReadOnlySpan<T> weights, int p, int f, int k, int channel, int length)
    {
        var row = _tapRow[(p * Kernel) + k];
        acc = TOps.DotAccumulate(acc, inputs.Slice((row * Channels) + channel, length), weights.Slice((((f * Kernel) + k) * Channels) + channel, length));
        _context.ChargeCycles((long)length * (_costs.MultiplyAccumulate + HandlerCosts.LoopStep));
        return acc;
    }

    /// <summary>The pre-activations of the tile, each rounded once (the bias is not added); charged.</summary>
    public void Forward(ReadOnlySpan<T> inputs, ReadOnlySpan<T> weights, Span<T> outputs)
    {
        var kernelValues = Kernel * Channels;
        for (var p = 0; p < TileCount; p++)
        {
            for (var f = 0; f < Filters; f++)
            {
                TAcc acc = default;
                var w = weights.Slice(f * kernelValues, kernelValues);
                for (var k = 0; k < Kernel; k++)
                {
                    var row = _tapRow[(p * Kernel) + k];
                    if (row >= 0)
                    {
                        acc = TOps.DotAccumulate(acc, inputs.Slice(row * Channels, Channels), w.Slice(k * Channels, Channels));
                    }
                }

                outputs[(p * Filters) + f] = TOps.Round(acc);
            }
        }

        _context.ChargeCycles(Macs * (_costs.MultiplyAccumulate + HandlerCosts.LoopStep));
    }

    /// <summary>
    /// The input errors of the window from <paramref name="deltas"/>, summed in
    /// <paramref name="sums"/> and rounded once into <paramref name="errors"/> (both
    /// <see cref="RowValues"/> long; rows no output reads get 0); charged.
    /// </summary>
    public void Errors(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<TAcc> sums, Span<T> errors)
    {
        var kernelValues = Kernel * Channels;
        sums.Clear();
        for (var p = 0; p < TileCount; p++)
        {
            for (var f = 0; f < Filters; f++)
            {
                var d = deltas[(p * Filters) + f];
                var w = weights.Slice(f * kernelValues, kernelValues);
                for (var k = 0; k < Kernel; k++)
                {
                    var row = _tapRow[(p * Kernel) + k];
                    if (row >= 0)
                    {
                        TOps.AccumulateScaled(sums.Slice(row * Channels, Channels), w.Slice(k * Channels, Channels), d);
                    }
                }
            }
        }

        var values = RowValues;
        for (var i = 0; i < values; i++)
        {
            errors[i] = TOps.Round(sums[i]);
        }

        _context.ChargeCycles((Macs * (_costs.MultiplyAccumulate + HandlerCosts.LoopStep)) + ((long)values * HandlerCosts.LoopStep));
    }

    /// <summary>Adds the example's gradient <c>x delta</c> to <paramref name="gradient"/> (laid out as the weights); charged.</summary>
    public void AccumulateGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> deltas, Span<TAcc> gradient)
    {
        var kernelValues = Kernel * Channels;
        for (var p = 0; p < TileCount; p++)
        {
            for (var f = 0; f < Filters; f++)
            {
                var d = deltas[(p * Filters) + f];
                var g = gradient.Slice(f * kernelValues, kernelValues);
                for (var k = 0; k < Kernel; k++)
                {
                    var row = _tapRow[(p * Kernel) + k];
                    if (row >= 0)
                    {
                        TOps.AccumulateScaled(g.Slice(k * Channels, Channels), inputs.Slice(row * Channels, Channels), d);
                    }
                }
            }
        }

        _context.ChargeCycles(Macs * (_costs.MultiplyAccumulate + HandlerCosts.LoopStep));
    }
}
