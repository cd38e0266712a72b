using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Routing.Tables;

namespace SpiNNaker.Toolchain.Routing.Compression;

/// <summary>
/// The compression pass: uncompressed tables in, the tables loaded into the routers out.
/// First, entries that only pass packets straight through are removed (the router routes an
/// unmatched packet that arrived over a link out of the opposite link, as PACMAN relies on);
/// their keys must then match no other entry. Then, when a table is still longer than the
/// router holds (or always, by <see cref="Policy"/>), the compressor runs. A table that still
/// does not fit is a <see cref="RoutingTableOverflowException"/> naming the chip and sizes.
/// </summary>
public sealed class TableCompressionPass
{
    /// <summary>Creates the pass.</summary>
    public TableCompressionPass(IRoutingTableCompressor? compressor = null, CompressionPolicy policy = CompressionPolicy.WhenOverCapacity, bool removeDefaultRoutes = true, int capacity = RoutingTable.ApplicationCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Compressor = compressor ?? new PairCompressor();
        Policy = policy;
        RemoveDefaultRoutes = removeDefaultRoutes;
        Capacity = capacity;
    }

    /// <summary>The compressor.</summary>
    public IRoutingTableCompressor Compressor { get; }

    /// <summary>When the compressor runs.</summary>
    public CompressionPolicy Policy { get; }

    /// <summary>Whether straight-through entries are left to default routing.</summary>
    public bool RemoveDefaultRoutes { get; }

    /// <summary>The entries a router holds (1023 for applications on SpiNNaker 1).</summary>
    public int Capacity { get; }

    /// <summary>Compresses every table.</summary>
    /// <exception cref="RoutingTableOverflowException">A table does not fit even after compression.</exception>
    public CompressedTableSet Compress(UncompressedTableSet tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var all = tables.Tables.ToArray();
        var results = new (TableSizes Sizes, RoutingTable? Table)[all.Length];
        var failures = new RoutingTableOverflowException?[all.Length];

        // Tables are independent; each result (or failure) goes to its own slot, so the
        // outcome, including which chip an error names, does not depend on thread timing.
        Parallel.For(0, all.Length, i =>
        {
            try
            {
                results[i] = CompressOne(all[i]);
            }
            catch (RoutingTableOverflowException e)
            {
                failures[i] = e;
            }
        });
        if (Array.Find(failures, f => f is not null) is { } first)
        {
            throw first;
        }

        var set = new CompressedTableSet();
        foreach (var (sizes, table) in results)
        {
            set.Add(sizes, table);
        }

        return set;
    }

    /// <summary>Compresses one chip's table.</summary>
    /// <exception cref="RoutingTableOverflowException">The table does not fit even after compression.</exception>
    public (TableSizes Sizes, RoutingTable? Table) CompressOne(UncompressedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kept = new List<RoutingEntry>(table.Count);
        var defaulted = new List<KeyAndMask>();
        foreach (var generated in table.Entries)
        {
            if (RemoveDefaultRoutes && generated.IsStraightThrough)
            {
                defaulted.Add(new KeyAndMask(generated.Entry.Key, generated.Entry.Mask));
            }
            else
            {
                kept.Add(generated.Entry);
            }
        }

        var afterDefault = kept.Count;
        var compress = Policy == CompressionPolicy.Always || (Policy == CompressionPolicy.WhenOverCapacity && afterDefault > Capacity);
        IReadOnlyList<RoutingEntry> final = compress ? Compressor.Compress(kept, defaulted) : kept;
        if (final.Count > Capacity)
        {
            var how = compress ? $"{final.Count} after {Compressor.Name} compression" : "compression was not run (policy Never)";
            throw new RoutingTableOverflowException(
                $"the routing table of chip {table.Chip} does not fit its router: {table.Count} entries generated, {afterDefault} after removing default routes, {how}; the router holds {Capacity}",
                Capacity,
                final.Count);
        }

        var sizes = new TableSizes(table.Chip, table.Count, afterDefault, final.Count, compress);
        return (sizes, final.Count == 0 ? null : new RoutingTable(final, Capacity));
    }
}
