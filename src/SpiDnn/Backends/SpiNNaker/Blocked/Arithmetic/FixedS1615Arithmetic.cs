using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;

/// <summary>
/// SpiNNaker's <c>accum</c>: signed 16.15 fixed point in 32 bits (charged from
/// <see cref="ArithmeticCosts.FixedPoint"/>). Products are 32 x 32 -> 64 bits (s32.30) and
/// are rounded to s16.15 once, after a whole dot product or gradient sum; every narrowing
/// rounds to nearest and saturates at the format's range (+-65,536) instead of wrapping.
/// </summary>
internal readonly struct FixedS1615Arithmetic : IValueArithmetic<int, long>
{
    /// <summary>Fractional bits of a value.</summary>
    public const int FractionBits = 15;

    /// <summary>Fractional bits of the update rate.</summary>
    public const int RateBits = 30;

    private const double One = 1 << FractionBits;

    public static NumberFormat Format => NumberFormat.FixedS1615;

    public static bool DeltasCarryBatchMean => false;

    public static int FromPayload(uint payload) => unchecked((int)payload);

    public static uint ToPayload(int value) => unchecked((uint)value);

    public static int FromFloat(float value) => FromDouble(value);

    public static float ToFloat(int value) => (float)(value / One);

    public static int FromDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        return Saturate(Math.Round(value * One, MidpointRounding.AwayFromZero));
    }

    public static double ToDouble(int value) => value / One;

    public static int Add(int a, int b) => Saturate((long)a + b);

    public static int Subtract(int a, int b) => Saturate((long)a - b);

    public static int Multiply(int a, int b) => Round((long)a * b);

    public static int Divide(int a, int b)
    {
        if (b == 0)
        {
            return a >= 0 ? int.MaxValue : int.MinValue;
        }

        // a * 2^15 is at most 2^46: exact in a double, so this is the correctly rounded quotient.
        return Saturate(Math.Round(a * One / b, MidpointRounding.AwayFromZero));
    }

    public static bool GreaterThan(int a, int b) => a > b;

    // The host computes the exact 64-bit sums: with AVX2, 32 x 32 -> 64-bit multiplies of the
    // even and the odd lanes (the simulated cost is charged by the caller either way).
    public static long DotAccumulate(long acc, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var i = 0;
        if (Avx2.IsSupported && a.Length >= 8)
        {
            ref var pa = ref MemoryMarshal.GetReference(a);
            ref var pb = ref MemoryMarshal.GetReference(b);
            var sum = Vector256<long>.Zero;
            for (; i + 8 <= a.Length; i += 8)
            {
                var va = Vector256.LoadUnsafe(ref Unsafe.Add(ref pa, i));
                var vb = Vector256.LoadUnsafe(ref Unsafe.Add(ref pb, i));
                sum += Avx2.Multiply(va, vb);
                sum += Avx2.Multiply(Avx2.ShiftRightLogical(va.AsInt64(), 32).AsInt32(), Avx2.ShiftRightLogical(vb.AsInt64(), 32).AsInt32());
            }

            acc += Vector256.Sum(sum);
        }

        for (; i < a.Length; i++)
        {
            acc += (long)a[i] * b[i];
        }

        return acc;
    }

    public static void AccumulateScaled(Span<long> acc, ReadOnlySpan<int> x, int scale)
    {
        var i = 0;
        if (Avx2.IsSupported && x.Length >= 4)
        {
            ref var px = ref MemoryMarshal.GetReference(x);
            ref var pacc = ref MemoryMarshal.GetReference(acc);
            var vscale = Vector256.Create((long)scale).AsInt32();
            for (; i + 4 <= x.Length; i += 4)
            {
                var wide = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref Unsafe.Add(ref px, i)));
                var product = Avx2.Multiply(wide.AsInt32(), vscale);
                (Vector256.LoadUnsafe(ref Unsafe.Add(ref pacc, i)) + product).StoreUnsafe(ref Unsafe.Add(ref pacc, i));
            }
        }

        for (; i < x.Length; i++)
        {
            acc[i] += (long)x[i] * scale;
        }
    }

    // s32.30 -> s16.15, round half up, saturating.
    public static int Round(long acc) => Saturate((acc + (1L << (FractionBits - 1))) >> FractionBits);

    public static long Widen(int value) => (long)value << FractionBits;

    public static long AddAccumulators(long a, long b) => a + b;

    public static int Update(int w, int g, long rate)
    {
        var step = (Int128)g * rate;
        var rounded = (long)((step + (Int128.One << (RateBits - 1))) >> RateBits);
        return Saturate((long)w - rounded);
    }

    public static long UpdateRate(float learningRate, int scaleRows) =>
        (long)Math.Round(learningRate / (double)scaleRows * (1L << RateBits), MidpointRounding.AwayFromZero);

    public static void ActivationForward(Activation activation, Span<int> values, int width)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Math.Max(values[i], 0);
                }

                break;
            case Activation.Sigmoid:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = FromDouble(1 / (1 + Math.Exp(-ToDouble(values[i]))));
                }

                break;
            case Activation.Tanh:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = FromDouble(Math.Tanh(ToDouble(values[i])));
                }

                break;
            case Activation.Softmax:
                for (var start = 0; start < values.Length; start += width)
                {
                    var row = values.Slice(start, width);
                    var max = int.MinValue;
                    foreach (var v in row)
                    {
                        max = Math.Max(max, v);
                    }

                    var sum = 0;
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = FromDouble(Math.Exp(ToDouble(Subtract(row[i], max))));
                        sum = Add(sum, row[i]);
                    }

                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = Divide(row[i], sum);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }
    }

    public static void ActivationBackward(Activation activation, ReadOnlySpan<int> outputs, Span<int> gradient, int width)
    {
        var one = 1 << FractionBits;
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = outputs[i] > 0 ? gradient[i] : 0;
                }

                break;
            case Activation.Sigmoid:
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = Multiply(gradient[i], Multiply(outputs[i], one - outputs[i]));
                }

                break;
            case Activation.Tanh:
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = Multiply(gradient[i], Subtract(one, Multiply(outputs[i], outputs[i])));
                }

                break;
            case Activation.Softmax:
                for (var start = 0; start < gradient.Length; start += width)
                {
                    var a = outputs.Slice(start, width);
                    var g = gradient.Slice(start, width);
                    var dot = Round(DotAccumulate(0, g, a));
                    for (var i = 0; i < g.Length; i++)
                    {
                        g[i] = Multiply(Subtract(g[i], dot), a[i]);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }
    }

    private static int Saturate(long value) => value > int.MaxValue ? int.MaxValue : value < int.MinValue ? int.MinValue : (int)value;

    private static int Saturate(double value) => value >= int.MaxValue ? int.MaxValue : value <= int.MinValue ? int.MinValue : (int)value;
}
