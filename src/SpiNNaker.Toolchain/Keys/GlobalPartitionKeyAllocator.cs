using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>
/// The seed's "first-touch global partition" policy: the first time the allocator meets a
/// partition identifier of an application vertex (a layer), it reserves one aligned block
/// for that identifier of the whole layer, and the layer's machine vertices get consecutive
/// ranges in it, in slice order. So for every identifier, <c>key - FirstKey(layer)</c> is the
/// index of the sending atom (neuron), which is how the seed's cores find the weight of an
/// input (see <see cref="RoutingInfo.ApplicationKeyRange"/>). A vertex's range is covered by
/// the fewest aligned key-and-mask sets (one when it is a power of two long and aligned,
/// e.g. one key per neuron). Machine vertices of no layer are a layer of their own; fixed
/// keys are kept.
/// </summary>
public sealed class GlobalPartitionKeyAllocator : IKeyAllocator
{
    /// <inheritdoc/>
    public RoutingInfo Allocate(MachineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var info = new RoutingInfo();
        var space = new KeySpace();
        space.ReserveFixed(graph, info);

        // Layers in first-touch order: by identifier, then by source layer.
        var layers = new List<(string Identifier, object Layer, List<OutgoingEdgePartition> Members)>();
        var index = new Dictionary<(string, object), int>();
        var identifierOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var partition in graph.Partitions)
        {
            if (partition.FixedKeys is not null)
            {
                continue;
            }

            identifierOrder.TryAdd(partition.Identifier, identifierOrder.Count);
            object layer = (object?)partition.Source.Application ?? partition.Source;
            var key = (partition.Identifier, layer);
            if (!index.TryGetValue(key, out var i))
            {
                index[key] = i = layers.Count;
                layers.Add((partition.Identifier, layer, []));
            }

            layers[i].Members.Add(partition);
        }

        foreach (var (identifier, layer, members) in layers.OrderBy(l => identifierOrder[l.Identifier]).ThenBy(l => index[(l.Identifier, l.Layer)]))
        {
            members.Sort((a, b) => a.Source.Slice.LoAtom.CompareTo(b.Source.Slice.LoAtom));
            var total = members.Sum(p => (long)p.KeyCount);
            var size = PartitionKeys.BlockSize((int)Math.Min(total, 1L << 30));
            if ((ulong)total > size)
            {
                throw new KeyAllocationException($"partition '{identifier}' of '{layer}' needs {total:N0} keys, more than a block of the key space can hold");
            }

            ulong at = space.Take(size, $"partition '{identifier}' of '{layer}' ({total:N0} keys)");
            foreach (var partition in members)
            {
                info.Add(new PartitionKeys(partition, KeyAndMask.Cover((uint)at, (ulong)partition.KeyCount)));
                at += (ulong)partition.KeyCount;
            }
        }

        return info;
    }
}
