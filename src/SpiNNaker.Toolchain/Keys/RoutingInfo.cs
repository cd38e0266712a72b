using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>The key allocator's result: the keys of every partition.</summary>
public sealed class RoutingInfo
{
    private readonly Dictionary<OutgoingEdgePartition, PartitionKeys> _keys = [];
    private readonly List<PartitionKeys> _order = [];
    private (uint First, uint Last, PartitionKeys Keys, ulong Offset)[]? _byKey;

    /// <summary>The keys of every partition, in the order allocated.</summary>
    public IReadOnlyList<PartitionKeys> Partitions => _order;

    /// <summary>The keys of <paramref name="partition"/>.</summary>
    /// <exception cref="KeyNotFoundException">The partition has no keys.</exception>
    public PartitionKeys this[OutgoingEdgePartition partition] =>
        _keys.TryGetValue(partition, out var keys) ? keys : throw new KeyNotFoundException($"partition {partition} has no keys");

    /// <summary>Records the keys of a partition.</summary>
    /// <exception cref="ArgumentException">The partition already has keys.</exception>
    public void Add(PartitionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!_keys.TryAdd(keys.Partition, keys))
        {
            throw new ArgumentException($"partition {keys.Partition} already has keys", nameof(keys));
        }

        _order.Add(keys);
        _byKey = null;
    }

    /// <summary>
    /// The partition that sends <paramref name="key"/> and the key's index in it (so that
    /// <c>keys.KeyFor(index) == key</c>), for example to decode live output on the host;
    /// false when no partition uses the key.
    /// </summary>
    public bool TryFind(uint key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PartitionKeys? keys, out int index)
    {
        _byKey ??= BuildKeyIndex();
        int lo = 0, hi = _byKey.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var (first, last, candidate, offset) = _byKey[mid];
            if (key < first)
            {
                hi = mid - 1;
            }
            else if (key > last)
            {
                lo = mid + 1;
            }
            else
            {
                // Sets whose mask is not a prefix span [first, last] with gaps: check membership.
                var set = candidate.KeysAndMasks.First(km => km.Key == first);
                var within = set.IsPrefix ? key - first : Extract(key, ~set.Mask);
                if (set.Contains(key) && offset + within < (ulong)candidate.KeyCount)
                {
                    keys = candidate;
                    index = (int)(offset + within);
                    return true;
                }

                break;
            }
        }

        // Non-prefix sets may interleave with others; fall back to a scan for those.
        foreach (var candidate in _order)
        {
            ulong offset = 0;
            foreach (var set in candidate.KeysAndMasks)
            {
                if (!set.IsPrefix && set.Contains(key))
                {
                    var within = offset + Extract(key, ~set.Mask);
                    if (within < (ulong)candidate.KeyCount)
                    {
                        keys = candidate;
                        index = (int)within;
                        return true;
                    }
                }

                offset += set.Count;
            }
        }

        keys = null;
        index = -1;
        return false;
    }

    private (uint First, uint Last, PartitionKeys Keys, ulong Offset)[] BuildKeyIndex()
    {
        var sets = new List<(uint, uint, PartitionKeys, ulong)>();
        foreach (var keys in _order)
        {
            ulong offset = 0;
            foreach (var set in keys.KeysAndMasks)
            {
                if (set.IsPrefix)
                {
                    sets.Add((set.FirstKey, set.LastKey, keys, offset));
                }

                offset += set.Count;
            }
        }

        sets.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return [.. sets];
    }

    // Gathers the bits of value at the set bits of positions into the low bits (a software PEXT).
    private static uint Extract(uint value, uint positions)
    {
        uint result = 0;
        var bit = 1u;
        while (positions != 0)
        {
            var lowest = positions & (~positions + 1);
            if ((value & lowest) != 0)
            {
                result |= bit;
            }

            bit <<= 1;
            positions &= positions - 1;
        }

        return result;
    }

    /// <summary>The keys of partition <paramref name="identifier"/> of <paramref name="source"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vertex has no such partition.</exception>
    public PartitionKeys Get(MachineGraph graph, MachineVertex source, string identifier)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var partition = graph.FindPartition(source, identifier)
            ?? throw new KeyNotFoundException($"machine vertex '{source.Label}' has no partition '{identifier}'");
        return this[partition];
    }

    /// <summary>The keys of <paramref name="partition"/>, if allocated.</summary>
    public bool TryGet(OutgoingEdgePartition partition, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PartitionKeys? keys) =>
        _keys.TryGetValue(partition, out keys);

    /// <summary>
    /// The first key and key count of partition <paramref name="identifier"/> over all machine
    /// vertices of <paramref name="application"/> (a layer), when their keys are consecutive
    /// in slice order, as <see cref="GlobalPartitionKeyAllocator"/> makes them: then
    /// <c>key - FirstKey</c> is the sending atom's index.
    /// </summary>
    /// <exception cref="InvalidOperationException">The keys are not consecutive, or the layer has no such partition.</exception>
    public (uint FirstKey, long KeyCount) ApplicationKeyRange(MachineGraph graph, ApplicationVertex application, string identifier)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(application);
        var vertices = graph.MachineVerticesOf(application);
        if (vertices.Count == 0)
        {
            throw new InvalidOperationException($"application vertex '{application.Label}' has no machine vertices in the graph");
        }

        uint first = 0;
        ulong next = 0;
        long count = 0;
        foreach (var vertex in vertices)
        {
            var partition = graph.FindPartition(vertex, identifier)
                ?? throw new InvalidOperationException($"machine vertex '{vertex.Label}' of '{application.Label}' has no partition '{identifier}'");
            var keys = this[partition];
            if (count == 0)
            {
                first = keys.FirstKey;
                next = first;
            }

            if (keys.FirstKey != next || !IsContiguous(keys))
            {
                throw new InvalidOperationException(
                    $"the '{identifier}' keys of '{application.Label}' are not consecutive in slice order ('{vertex.Label}' starts at 0x{keys.FirstKey:X8}, expected 0x{next:X8}); allocate keys with the global partition allocator");
            }

            next = keys.FirstKey + (ulong)keys.KeyCount;
            count += keys.KeyCount;
        }

        return (first, count);
    }

    private static bool IsContiguous(PartitionKeys keys)
    {
        ulong at = keys.FirstKey;
        foreach (var km in keys.KeysAndMasks)
        {
            if (!km.IsPrefix || km.Key != at)
            {
                return false;
            }

            at += km.Count;
        }

        return true;
    }
}
