using SpiDnn.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>Assertions on tensors and weight lists.</summary>
internal static class Compare
{
    /// <summary>The first <paramref name="n"/> examples (rows of the first axis) of <paramref name="t"/>.</summary>
    public static Tensor Head(Tensor t, int n)
    {
        var shape = t.Shape;
        var row = t.Length / shape[0];
        shape[0] = n;
        return Tensor.FromArray(t.ReadOnlySpan[..(n * row)].ToArray(), shape);
    }

    /// <summary>Asserts every element of <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static void Within(Tensor expected, Tensor actual, float tolerance) =>
        Assert.InRange(Fixture.MaxAbsDifference(expected, actual), 0f, tolerance);

    /// <summary>Asserts two weight lists (Keras order) agree within <paramref name="tolerance"/>.</summary>
    public static void Within(IReadOnlyList<Tensor> expected, IReadOnlyList<Tensor> actual, float tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.InRange(Fixture.MaxAbsDifference(expected[i], actual[i]), 0f, tolerance);
        }
    }

    /// <summary>Asserts the training step (trained minus initial) of every tensor matches within 1 % of its largest element, so a missing update cannot pass.</summary>
    public static void StepsMatch(IReadOnlyList<Tensor> initial, IReadOnlyList<Tensor> expected, IReadOnlyList<Tensor> actual)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i].ReadOnlySpan;
            var a = actual[i].ReadOnlySpan;
            var s = initial[i].ReadOnlySpan;
            var largest = 0f;
            var worst = 0f;
            for (var j = 0; j < e.Length; j++)
            {
                largest = Math.Max(largest, Math.Abs(e[j] - s[j]));
                worst = Math.Max(worst, Math.Abs((e[j] - s[j]) - (a[j] - s[j])));
            }
            Assert.True(largest > 0, $"weight tensor {i} did not move in the reference");
            Assert.InRange(worst, 0f, Math.Max(2e-6f, 0.01f * largest));
        }
    }
}
