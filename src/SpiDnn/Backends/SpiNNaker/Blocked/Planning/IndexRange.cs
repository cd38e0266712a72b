namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>A run of consecutive indices <c>[Start, Start + Count)</c>: output positions, channels or filters of a block.</summary>
internal readonly record struct IndexRange(int Start, int Count)
{
    /// <summary>One past the last index.</summary>
    public int End => Start + Count;

    /// <summary>Whether <paramref name="index"/> is in the range.</summary>
    public bool Contains(int index) => index >= Start && index < End;

    /// <summary>
    /// <paramref name="total"/> indices cut into <paramref name="parts"/> nearly equal runs (the
    /// first <c>total % parts</c> one longer).
    /// </summary>
    public static IndexRange[] Split(int total, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        if (parts > total)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"cannot cut {total} indices into {parts} non-empty blocks");
        }

        var ranges = new IndexRange[parts];
        var start = 0;
        for (var i = 0; i < parts; i++)
        {
            var count = (total / parts) + (i < total % parts ? 1 : 0);
            ranges[i] = new IndexRange(start, count);
            start += count;
        }

        return ranges;
    }

    /// <summary>Formats as <c>[start, end)</c>.</summary>
    public override string ToString() => $"[{Start}, {End})";
}
