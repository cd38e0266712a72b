using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>
/// The 32-bit key space while an allocator works: the fixed keys reserved first, then
/// aligned blocks handed out upwards from key 0, stepping over the fixed keys.
/// </summary>
internal sealed class KeySpace
{
    private const ulong End = 1UL << 32;
    private readonly List<(KeyAndMask Keys, OutgoingEdgePartition Owner)> _fixed = [];
    private ulong _cursor;
    private ulong _allocated;

    /// <summary>Reserves the fixed keys of every partition that has them, recording them in <paramref name="info"/>.</summary>
    public void ReserveFixed(MachineGraph graph, RoutingInfo info)
    {
        foreach (var partition in graph.Partitions)
        {
            if (partition.FixedKeys is not { } fixedKeys)
            {
                continue;
            }

            foreach (var km in fixedKeys.KeysAndMasks)
            {
                foreach (var (other, owner) in _fixed)
                {
                    if (km.Intersects(other))
                    {
                        throw new KeyAllocationException($"fixed keys {km} of partition {partition} overlap fixed keys {other} of partition {owner}");
                    }
                }

                _fixed.Add((km, partition));
            }

            if (fixedKeys.KeyCount < (ulong)partition.KeyCount)
            {
                throw new KeyAllocationException($"partition {partition} needs {partition.KeyCount} keys but its fixed keys {fixedKeys} hold {fixedKeys.KeyCount}");
            }

            info.Add(new PartitionKeys(partition, fixedKeys.KeysAndMasks));
        }
    }

    /// <summary>The next free block of <paramref name="size"/> keys (a power of two), aligned to its size.</summary>
    public uint Take(ulong size, string forWhat)
    {
        var at = AlignUp(_cursor, size);
        while (true)
        {
            if (at + size > End)
            {
                throw new KeyAllocationException(
                    $"the 32-bit key space is exhausted: {forWhat} needs an aligned block of {size:N0} keys after {_allocated:N0} keys were allocated (up to 0x{_cursor:X})");
            }

            var block = KeyAndMask.Block((uint)at, size);
            var clash = _fixed.FindIndex(f => f.Keys.Intersects(block));
            if (clash < 0)
            {
                break;
            }

            var fixedKeys = _fixed[clash].Keys;
            at = fixedKeys.IsPrefix ? AlignUp((ulong)fixedKeys.LastKey + 1, size) : at + size;
        }

        _cursor = at + size;
        _allocated += size;
        return (uint)at;
    }

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
