using SpiDnn.Backends.Host;

namespace SpiDnn.Tests;

/// <summary>The vectorised matrix kernels against a naive double-precision triple loop.</summary>
public sealed class MatrixMultiplyTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 16, 16)]
    [InlineData(5, 7, 17)]
    [InlineData(32, 784, 128)]
    [InlineData(33, 128, 10)]
    [InlineData(3, 5, 35)]
    public void Multiply_MatchesNaiveProduct(int m, int k, int n)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var c = RandomArray(random, m * n);
        var start = (float[])c.Clone();

        MatrixMultiply.Multiply(a, b, c, m, k, n, accumulate: true);

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = start[i * n + j];
                for (var p = 0; p < k; p++)
                {
                    sum += (double)a[i * k + p] * b[p * n + j];
                }
                Assert.Equal(sum, c[i * n + j], 1e-5 * Math.Sqrt(k) + 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(32, 784, 128)]
    [InlineData(7, 9, 19)]
    public void MultiplyTransposedAAdd_AddsScaledTransposeProduct(int m, int k, int n)
    {
        var random = new Random(m + k + n);
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, m * n);
        var c = RandomArray(random, k * n);
        var start = (float[])c.Clone();

        MatrixMultiply.MultiplyTransposedAAdd(a, b, c, m, k, n, alpha: -0.5f);

        for (var p = 0; p < k; p++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var i = 0; i < m; i++)
                {
                    sum += (double)a[i * k + p] * b[i * n + j];
                }
                Assert.Equal(start[p * n + j] - 0.5 * sum, c[p * n + j], 1e-5 * Math.Sqrt(m) + 1e-6);
            }
        }
    }

    [Fact]
    public void Transpose_SwapsRowsAndColumns()
    {
        var source = Enumerable.Range(0, 6 * 35).Select(i => (float)i).ToArray();
        var target = new float[source.Length];

        MatrixMultiply.Transpose(source, target, 6, 35);

        Assert.Equal(source[4 * 35 + 33], target[33 * 6 + 4]);
        Assert.Equal(source[5 * 35 + 0], target[0 * 6 + 5]);
    }

    private static float[] RandomArray(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
