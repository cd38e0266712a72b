namespace SpiDnn.Data;

/// <summary>
/// Examples and their targets: <see cref="X"/> has one example per slice of its first axis,
/// <see cref="Y"/> the matching targets (one-hot rows for classification).
/// </summary>
/// <param name="X">The inputs, shape [examples, ...].</param>
/// <param name="Y">The targets, shape [examples, ...].</param>
public sealed record Dataset(Tensor X, Tensor Y)
{
    /// <summary>The number of examples.</summary>
    public int Count => X.Shape[0];

    /// <summary>The first <paramref name="count"/> examples (copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in 1..<see cref="Count"/>.</exception>
    public Dataset Take(int count)
    {
        if (count <= 0 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"expected 1..{Count} examples. Received: count={count}");
        }
        return count == Count ? this : new Dataset(X.Slice(0, count), Y.Slice(0, count));
    }

    /// <summary>The class of each example: the index of the largest value of its target row (the first on a tie).</summary>
    public int[] Classes()
    {
        var classes = new int[Count];
        var width = Y.Length / Count;
        var targets = Y.Span;
        for (var i = 0; i < classes.Length; i++)
        {
            var row = targets.Slice(i * width, width);
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }
            classes[i] = best;
        }
        return classes;
    }
}
