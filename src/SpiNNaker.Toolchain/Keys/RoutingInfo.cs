using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>The key allocator's result: the keys of every partition.</summary>
public sealed class RoutingInfo
{
    private readonly Dictionary<OutgoingEdgePartition, PartitionKeys> _keys = [];
    private readonly List<PartitionKeys> _order = [];

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
