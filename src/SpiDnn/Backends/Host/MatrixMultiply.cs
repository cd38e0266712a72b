using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpiDnn.Backends.Host;

/// <summary>
/// Row-major single-precision matrix products, the host backend's only heavy kernel (a Dense
/// layer is one product per pass; a Conv1D layer becomes one after im2col). The inner loop is
/// a register-blocked 4 x 16 micro-kernel: four rows of the result, two 256-bit vectors of
/// columns, sixteen fused multiply-adds per reduction step with the eight accumulators held in
/// registers. Each result element is summed in a fixed order, so results are reproducible
/// bit for bit on a given machine.
/// </summary>
internal static class MatrixMultiply
{
    private const int RowBlock = 4;

    /// <summary><c>c[m, n] = a[m, k] * b[k, n]</c> (or <c>c += a * b</c> when <paramref name="accumulate"/>).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
    {
        Check(a, m * k, b, k * n, c, m * n);
        Run(a, rowStride: k, stepStride: 1, b, c, m, k, n, alpha: 1f, accumulate);
    }

    /// <summary>
    /// <c>c[k, n] += alpha * transpose(a[m, k]) * b[m, n]</c>: the weight-gradient product
    /// (inputs transposed times output errors), scaled and added in place, which is exactly
    /// an SGD step when <c>alpha = -learningRate</c>.
    /// </summary>
    public static void MultiplyTransposedAAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha)
    {
        Check(a, m * k, b, m * n, c, k * n);
        Run(a, rowStride: 1, stepStride: k, b, c, k, m, n, alpha, accumulate: true);
    }

    /// <summary>Writes the transpose of <paramref name="source"/> ([rows, columns]) into <paramref name="target"/> ([columns, rows]).</summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> target, int rows, int columns)
    {
        Check(source, rows * columns, source, 0, target, rows * columns);
        const int Tile = 16;
        for (var r0 = 0; r0 < rows; r0 += Tile)
        {
            var r1 = Math.Min(r0 + Tile, rows);
            for (var c0 = 0; c0 < columns; c0 += Tile)
            {
                var c1 = Math.Min(c0 + Tile, columns);
                for (var r = r0; r < r1; r++)
                {
                    for (var col = c0; col < c1; col++)
                    {
                        target[col * rows + r] = source[r * columns + col];
                    }
                }
            }
        }
    }

    /// <summary>
    /// <c>c[i, j] = (accumulate ? c[i, j] : 0) + alpha * sum_p a[i * rowStride + p * stepStride] * b[p * n + j]</c>
    /// for i &lt; rows, p &lt; steps, j &lt; n.
    /// </summary>
    private static void Run(ReadOnlySpan<float> a, int rowStride, int stepStride, ReadOnlySpan<float> b, Span<float> c,
        int rows, int steps, int n, float alpha, bool accumulate)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        var vectorColumns = Vector256.IsHardwareAccelerated ? n / 16 * 16 : 0;
        var i = 0;
        for (; i + RowBlock <= rows; i += RowBlock)
        {
            var j = 0;
            for (; j < vectorColumns; j += 16)
            {
                Block4x16(ref a0, i, rowStride, stepStride, ref b0, ref c0, steps, n, j, alpha, accumulate);
            }
            for (; j < n; j++)
            {
                for (var r = i; r < i + RowBlock; r++)
                {
                    Scalar(ref a0, r, rowStride, stepStride, ref b0, ref c0, steps, n, j, alpha, accumulate);
                }
            }
        }
        for (; i < rows; i++)
        {
            var j = 0;
            for (; j < vectorColumns; j += 16)
            {
                Block1x16(ref a0, i, rowStride, stepStride, ref b0, ref c0, steps, n, j, alpha, accumulate);
            }
            for (; j < n; j++)
            {
                Scalar(ref a0, i, rowStride, stepStride, ref b0, ref c0, steps, n, j, alpha, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x16(ref float a, int i, int rowStride, int stepStride, ref float b, ref float c,
        int steps, int n, int j, float alpha, bool accumulate)
    {
        var s00 = Vector256<float>.Zero; var s01 = Vector256<float>.Zero;
        var s10 = Vector256<float>.Zero; var s11 = Vector256<float>.Zero;
        var s20 = Vector256<float>.Zero; var s21 = Vector256<float>.Zero;
        var s30 = Vector256<float>.Zero; var s31 = Vector256<float>.Zero;
        ref var ar0 = ref Unsafe.Add(ref a, i * rowStride);
        ref var ar1 = ref Unsafe.Add(ref ar0, rowStride);
        ref var ar2 = ref Unsafe.Add(ref ar1, rowStride);
        ref var ar3 = ref Unsafe.Add(ref ar2, rowStride);
        ref var bj = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < steps; p++)
        {
            var offset = p * stepStride;
            ref var bp = ref Unsafe.Add(ref bj, p * n);
            var b0 = Vector256.LoadUnsafe(ref bp);
            var b1 = Vector256.LoadUnsafe(ref bp, 8);
            var x = Vector256.Create(Unsafe.Add(ref ar0, offset));
            s00 = Vector256.FusedMultiplyAdd(x, b0, s00); s01 = Vector256.FusedMultiplyAdd(x, b1, s01);
            x = Vector256.Create(Unsafe.Add(ref ar1, offset));
            s10 = Vector256.FusedMultiplyAdd(x, b0, s10); s11 = Vector256.FusedMultiplyAdd(x, b1, s11);
            x = Vector256.Create(Unsafe.Add(ref ar2, offset));
            s20 = Vector256.FusedMultiplyAdd(x, b0, s20); s21 = Vector256.FusedMultiplyAdd(x, b1, s21);
            x = Vector256.Create(Unsafe.Add(ref ar3, offset));
            s30 = Vector256.FusedMultiplyAdd(x, b0, s30); s31 = Vector256.FusedMultiplyAdd(x, b1, s31);
        }
        ref var cr = ref Unsafe.Add(ref c, i * n + j);
        Store(ref cr, s00, s01, alpha, accumulate);
        Store(ref Unsafe.Add(ref cr, n), s10, s11, alpha, accumulate);
        Store(ref Unsafe.Add(ref cr, 2 * n), s20, s21, alpha, accumulate);
        Store(ref Unsafe.Add(ref cr, 3 * n), s30, s31, alpha, accumulate);
    }

    private static void Block1x16(ref float a, int i, int rowStride, int stepStride, ref float b, ref float c,
        int steps, int n, int j, float alpha, bool accumulate)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        ref var ar = ref Unsafe.Add(ref a, i * rowStride);
        ref var bj = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < steps; p++)
        {
            ref var bp = ref Unsafe.Add(ref bj, p * n);
            var x = Vector256.Create(Unsafe.Add(ref ar, p * stepStride));
            s0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp), s0);
            s1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp, 8), s1);
        }
        Store(ref Unsafe.Add(ref c, i * n + j), s0, s1, alpha, accumulate);
    }

    private static void Scalar(ref float a, int i, int rowStride, int stepStride, ref float b, ref float c,
        int steps, int n, int j, float alpha, bool accumulate)
    {
        var sum = 0f;
        ref var ar = ref Unsafe.Add(ref a, i * rowStride);
        for (var p = 0; p < steps; p++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref ar, p * stepStride), Unsafe.Add(ref b, p * n + j), sum);
        }
        ref var target = ref Unsafe.Add(ref c, i * n + j);
        target = accumulate ? MathF.FusedMultiplyAdd(alpha, sum, target) : alpha * sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float target, Vector256<float> low, Vector256<float> high, float alpha, bool accumulate)
    {
        if (accumulate)
        {
            var scale = Vector256.Create(alpha);
            Vector256.FusedMultiplyAdd(scale, low, Vector256.LoadUnsafe(ref target)).StoreUnsafe(ref target);
            Vector256.FusedMultiplyAdd(scale, high, Vector256.LoadUnsafe(ref target, 8)).StoreUnsafe(ref target, 8);
        }
        else
        {
            (low * alpha).StoreUnsafe(ref target);
            (high * alpha).StoreUnsafe(ref target, 8);
        }
    }

    private static void Check(ReadOnlySpan<float> a, int aLength, ReadOnlySpan<float> b, int bLength, Span<float> c, int cLength)
    {
        if (a.Length < aLength || b.Length < bLength || c.Length < cLength)
        {
            throw new ArgumentException(
                $"matrix buffers too small: need {aLength}, {bLength}, {cLength}; have {a.Length}, {b.Length}, {c.Length}");
        }
    }
}
