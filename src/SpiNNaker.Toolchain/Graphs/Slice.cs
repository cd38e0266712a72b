namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// A contiguous range of atoms of an application vertex: atoms <see cref="LoAtom"/> to
/// <see cref="HiAtom"/> - 1. A machine vertex made by splitting holds one slice.
/// </summary>
public readonly record struct Slice
{
    /// <summary>Creates the slice of <paramref name="count"/> atoms starting at <paramref name="loAtom"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative start or a count below 1.</exception>
    public Slice(int loAtom, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(loAtom);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        LoAtom = loAtom;
        Count = count;
    }

    /// <summary>The first atom.</summary>
    public int LoAtom { get; }

    /// <summary>The number of atoms.</summary>
    public int Count { get; }

    /// <summary>One past the last atom.</summary>
    public int HiAtom => LoAtom + Count;

    /// <summary>Whether <paramref name="atom"/> is in the slice.</summary>
    public bool Contains(int atom) => atom >= LoAtom && atom < HiAtom;

    /// <summary>Whether the two slices share an atom.</summary>
    public bool Overlaps(Slice other) => LoAtom < other.HiAtom && other.LoAtom < HiAtom;

    /// <summary>Formats as <c>[lo:hi)</c>.</summary>
    public override string ToString() => $"[{LoAtom}:{HiAtom})";
}
