using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>
/// The default key allocator: each partition gets one aligned block of keys, its key count
/// rounded up to a power of two, so a single key-and-mask (one routing entry per chip)
/// covers it. Partitions with fixed keys keep them; the others get blocks from key 0 up,
/// largest first (so no key is lost to alignment), ties in graph order.
/// </summary>
public sealed class ContiguousKeyAllocator : IKeyAllocator
{
    /// <inheritdoc/>
    public RoutingInfo Allocate(MachineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var info = new RoutingInfo();
        var space = new KeySpace();
        space.ReserveFixed(graph, info);
        var free = graph.Partitions
            .Where(p => p.FixedKeys is null)
            .OrderByDescending(p => PartitionKeys.BlockSize(p.KeyCount))
            .ThenBy(p => p.Index);
        foreach (var partition in free)
        {
            var size = PartitionKeys.BlockSize(partition.KeyCount);
            var start = space.Take(size, $"partition {partition}");
            info.Add(new PartitionKeys(partition, [KeyAndMask.Block(start, size)]));
        }

        return info;
    }
}
