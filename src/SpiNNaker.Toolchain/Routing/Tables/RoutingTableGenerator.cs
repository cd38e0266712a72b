using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Keys;

namespace SpiNNaker.Toolchain.Routing.Tables;

/// <summary>
/// The table generation pass: for every tree and every chip on it, one entry per key set of
/// the tree's partition, routing to the chip's outputs on the tree. Trees and keys in,
/// uncompressed tables out.
/// </summary>
public sealed class RoutingTableGenerator
{
    /// <summary>Builds the table of every chip that some tree passes.</summary>
    /// <exception cref="KeyNotFoundException">A routed partition has no keys.</exception>
    public UncompressedTableSet Generate(RoutingTreeSet trees, RoutingInfo keys)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(keys);
        var byChip = new Dictionary<ChipCoordinate, List<GeneratedEntry>>();
        foreach (var tree in trees.Trees)
        {
            var partitionKeys = keys[tree.Partition];
            foreach (var hop in tree.Hops)
            {
                if (hop.Route.IsEmpty)
                {
                    continue;
                }

                if (!byChip.TryGetValue(hop.Chip, out var entries))
                {
                    byChip[hop.Chip] = entries = [];
                }

                foreach (var km in partitionKeys.KeysAndMasks)
                {
                    entries.Add(new GeneratedEntry(new RoutingEntry(km.Key, km.Mask, hop.Route), tree.Partition, hop.IsStraightThrough));
                }
            }
        }

        return new UncompressedTableSet(byChip.Select(kv =>
        {
            kv.Value.Sort((a, b) => a.Entry.Key != b.Entry.Key ? a.Entry.Key.CompareTo(b.Entry.Key) : a.Entry.Mask.CompareTo(b.Entry.Mask));
            return new UncompressedTable(kv.Key, kv.Value);
        }));
    }
}
