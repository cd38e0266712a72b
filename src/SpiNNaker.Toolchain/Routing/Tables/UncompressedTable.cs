using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Routing.Tables;

/// <summary>
/// The routing table of one chip as generated: one entry per (partition, key set) whose tree
/// passes the chip, ordered by key. Entries never share a key, so their order does not
/// matter; it may be longer than a router holds until it is compressed.
/// </summary>
public sealed class UncompressedTable
{
    /// <summary>Creates the table.</summary>
    public UncompressedTable(ChipCoordinate chip, IReadOnlyList<GeneratedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Chip = chip;
        Entries = entries;
    }

    /// <summary>The chip.</summary>
    public ChipCoordinate Chip { get; }

    /// <summary>The entries, ascending by key.</summary>
    public IReadOnlyList<GeneratedEntry> Entries { get; }

    /// <summary>The number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>The number of entries that default routing makes unnecessary.</summary>
    public int StraightThroughCount => Entries.Count(e => e.IsStraightThrough);
}
