using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;

namespace SpiNNaker.Toolchain.Data;

/// <summary>What a machine vertex may know when it writes its data: its core and the keys of the mapping.</summary>
public sealed class DataGenerationContext
{
    internal DataGenerationContext(Mapping mapping, MachineVertex vertex)
    {
        Mapping = mapping;
        Vertex = vertex;
        Core = mapping.Placements[vertex];
    }

    /// <summary>The whole mapping.</summary>
    public Mapping Mapping { get; }

    /// <summary>The vertex whose data is generated.</summary>
    public MachineVertex Vertex { get; }

    /// <summary>The core it runs on.</summary>
    public CoreLocation Core { get; }

    /// <summary>The machine graph.</summary>
    public MachineGraph Graph => Mapping.MachineGraph;

    /// <summary>The keys the vertex sends on partition <paramref name="identifier"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vertex has no such partition.</exception>
    public PartitionKeys KeysOf(string identifier) => Mapping.RoutingInfo.Get(Graph, Vertex, identifier);

    /// <summary>The keys of any partition.</summary>
    public PartitionKeys KeysOf(OutgoingEdgePartition partition) => Mapping.RoutingInfo[partition];

    /// <summary>The partitions whose packets this vertex receives.</summary>
    public IReadOnlyList<OutgoingEdgePartition> IncomingPartitions => Graph.IncomingPartitionsOf(Vertex);

    /// <summary>
    /// The first key and key count of partition <paramref name="identifier"/> of a whole
    /// application vertex (layer), when the allocator made them consecutive.
    /// </summary>
    public (uint FirstKey, long KeyCount) ApplicationKeyRange(ApplicationVertex application, string identifier) =>
        Mapping.RoutingInfo.ApplicationKeyRange(Graph, application, identifier);
}
