using System.Numerics.Tensors;

namespace SpiDnn.Bench;

/// <summary>How far a run's numbers are from its peer's: the benchmarks' check that a mapping computed what the host did.</summary>
internal static class Agreement
{
    /// <summary>The largest absolute difference between corresponding elements of two tensor lists (weights in Keras order).</summary>
    public static float MaxDifference(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b)
    {
        var max = 0f;
        for (var t = 0; t < a.Count; t++)
        {
            max = Math.Max(max, MaxDifference(a[t], b[t]));
        }

        return max;
    }

    /// <summary>The largest absolute difference between corresponding elements of two tensors.</summary>
    public static float MaxDifference(Tensor a, Tensor b)
    {
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.ReadOnlySpan[i] - b.ReadOnlySpan[i]));
        }

        return max;
    }

    /// <summary>The rows (examples) of two <c>[n, classes]</c> predictions whose largest output is the same class.</summary>
    public static int SameClass(Tensor a, Tensor b)
    {
        var same = 0;
        for (var r = 0; r < a.Dim(0); r++)
        {
            same += TensorPrimitives.IndexOfMax<float>(a.RowSpan(r)) == TensorPrimitives.IndexOfMax<float>(b.RowSpan(r)) ? 1 : 0;
        }

        return same;
    }
}
