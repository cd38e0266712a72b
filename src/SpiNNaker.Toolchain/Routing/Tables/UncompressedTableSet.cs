using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Routing.Tables;

/// <summary>The table generator's result: the uncompressed table of every chip that routes a packet.</summary>
public sealed class UncompressedTableSet
{
    private readonly SortedDictionary<ChipCoordinate, UncompressedTable> _tables;

    /// <summary>Creates the set.</summary>
    public UncompressedTableSet(IEnumerable<UncompressedTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = new SortedDictionary<ChipCoordinate, UncompressedTable>(ChipOrder.Instance);
        foreach (var table in tables)
        {
            _tables.Add(table.Chip, table);
        }
    }

    /// <summary>The tables, ordered by chip x then y.</summary>
    public IEnumerable<UncompressedTable> Tables => _tables.Values;

    /// <summary>The number of chips with a table.</summary>
    public int Count => _tables.Count;

    /// <summary>The entries of all tables.</summary>
    public long TotalEntries => _tables.Values.Sum(t => (long)t.Count);

    /// <summary>The longest table's length (0 when there are none).</summary>
    public int MaxEntries => _tables.Count == 0 ? 0 : _tables.Values.Max(t => t.Count);

    /// <summary>The table of <paramref name="chip"/>, if it has one.</summary>
    public bool TryGetTable(ChipCoordinate chip, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UncompressedTable? table) =>
        _tables.TryGetValue(chip, out table);
}
