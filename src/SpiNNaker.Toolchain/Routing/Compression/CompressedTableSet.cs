using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Routing.Tables;

namespace SpiNNaker.Toolchain.Routing.Compression;

/// <summary>The compression pass's result: the table each router is loaded with, and the sizes on the way.</summary>
public sealed class CompressedTableSet
{
    private readonly SortedDictionary<ChipCoordinate, RoutingTable> _tables = new(ChipOrder.Instance);
    private readonly List<TableSizes> _sizes = [];

    /// <summary>The tables, by chip x then y (chips whose every entry went to default routing have none).</summary>
    public IReadOnlyDictionary<ChipCoordinate, RoutingTable> Tables => _tables;

    /// <summary>The sizes of every generated table, by chip x then y.</summary>
    public IReadOnlyList<TableSizes> Sizes => _sizes;

    /// <summary>The longest loaded table's length.</summary>
    public int MaxEntries => _tables.Count == 0 ? 0 : _tables.Values.Max(t => t.Count);

    /// <summary>The loaded entries over all chips.</summary>
    public long TotalEntries => _tables.Values.Sum(t => (long)t.Count);

    internal void Add(TableSizes sizes, RoutingTable? table)
    {
        _sizes.Add(sizes);
        if (table is not null)
        {
            _tables.Add(sizes.Chip, table);
        }
    }
}
