using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>s16.15 arithmetic against exact values: rounding to nearest, one rounding per dot product, saturation instead of wrap-around.</summary>
public sealed class FixedPointArithmeticTests
{
    private const double Lsb = 1.0 / 32768;

    [Theory]
    [InlineData(1.0, 32768)]
    [InlineData(-1.0, -32768)]
    [InlineData(0.5 / 32768, 1)] // half an LSB rounds away from zero
    [InlineData(-0.5 / 32768, -1)]
    [InlineData(0.49 / 32768, 0)]
    [InlineData(70000.0, int.MaxValue)] // saturates
    [InlineData(-70000.0, int.MinValue)]
    public void FromDouble_RoundsToNearestAndSaturates(double value, int expected) =>
        Assert.Equal(expected, FixedS1615Arithmetic.FromDouble(value));

    [Fact]
    public void Multiply_IsTheExactProductRoundedOnce()
    {
        var a = FixedS1615Arithmetic.FromDouble(1.2345);
        var b = FixedS1615Arithmetic.FromDouble(-3.5);
        var exact = FixedS1615Arithmetic.ToDouble(a) * FixedS1615Arithmetic.ToDouble(b);
        Assert.InRange(Math.Abs(FixedS1615Arithmetic.ToDouble(FixedS1615Arithmetic.Multiply(a, b)) - exact), 0, Lsb / 2);
    }

    [Fact]
    public void DotProduct_AccumulatesIn64BitsAndRoundsOnce_UnlikeRoundingEachProduct()
    {
        // 1,000 products of 0.3 LSB each: rounding each would give 0; one rounding keeps 300 LSB.
        var a = Enumerable.Repeat(FixedS1615Arithmetic.FromDouble(0.3), 1000).ToArray(); // 9,830 LSB
        var b = Enumerable.Repeat(1, 1000).ToArray(); // one LSB
        var sum = FixedS1615Arithmetic.Round(FixedS1615Arithmetic.DotAccumulate(0, a, b));
        var exact = 1000 * FixedS1615Arithmetic.ToDouble(a[0]) * Lsb;
        Assert.InRange(Math.Abs(FixedS1615Arithmetic.ToDouble(sum) - exact), 0, Lsb / 2);
        Assert.Equal(0, FixedS1615Arithmetic.Multiply(a[0], b[0]));
    }

    [Fact]
    public void Add_SaturatesInsteadOfWrappingAround()
    {
        Assert.Equal(int.MaxValue, FixedS1615Arithmetic.Add(int.MaxValue - 5, 100));
        Assert.Equal(int.MinValue, FixedS1615Arithmetic.Subtract(int.MinValue + 5, 100));
    }

    [Fact]
    public void Update_AppliesLearningRateOverRowsWith30BitPrecision()
    {
        // w - lr / rows * g with lr 0.4 and a batch of 32 rows: 0.0125 * g.
        var rate = FixedS1615Arithmetic.UpdateRate(0.4f, 32);
        var w = FixedS1615Arithmetic.FromDouble(0.25);
        var g = FixedS1615Arithmetic.FromDouble(-2.0);
        var updated = FixedS1615Arithmetic.ToDouble(FixedS1615Arithmetic.Update(w, g, rate));
        Assert.InRange(Math.Abs(updated - (0.25 + (0.4f / 32.0 * 2.0))), 0, Lsb);
    }

    [Fact]
    public void Softmax_RowSumsToOneWithinTheRowsLsbs()
    {
        var row = new[] { 1.5, -0.25, 3.0, 0.0 }.Select(FixedS1615Arithmetic.FromDouble).ToArray();
        FixedS1615Arithmetic.ActivationForward(Activation.Softmax, row, 4);
        var exp = new[] { 1.5, -0.25, 3.0, 0.0 }.Select(Math.Exp).ToArray();
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(Math.Abs(FixedS1615Arithmetic.ToDouble(row[i]) - (exp[i] / exp.Sum())), 0, 4 * Lsb);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(196)]
    public void DotAndScaledAccumulation_AreExact64BitSums_ForAnyLengthAndSign(int length)
    {
        var random = new Random(length + 1);
        var a = Enumerable.Range(0, length).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => random.Next(-70_000, 70_000)).ToArray();
        var expected = (Int128)12345;
        for (var i = 0; i < length; i++)
        {
            expected += (Int128)a[i] * b[i];
        }

        Assert.Equal((long)expected, FixedS1615Arithmetic.DotAccumulate(12345, a, b));

        var acc = Enumerable.Range(0, length).Select(i => (long)i * 1_000_003).ToArray();
        var scale = -98_765;
        FixedS1615Arithmetic.AccumulateScaled(acc, a, scale);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(((long)i * 1_000_003) + ((long)a[i] * scale), acc[i]);
        }
    }
}
