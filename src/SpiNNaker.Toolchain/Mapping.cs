using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Reports;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Routing;
using SpiNNaker.Toolchain.Routing.Compression;
using SpiNNaker.Toolchain.Routing.Tables;

namespace SpiNNaker.Toolchain;

/// <summary>
/// The result of mapping a graph onto a machine: plain data from every pass, to inspect, to
/// report, or to load into a simulation.
/// </summary>
public sealed class Mapping
{
    internal Mapping(
        SpiNNakerMachine machine,
        ApplicationGraph? applicationGraph,
        MachineGraph machineGraph,
        PlacementSet placements,
        RoutingTreeSet trees,
        RoutingInfo routingInfo,
        UncompressedTableSet uncompressedTables,
        CompressedTableSet tables,
        ResourceUsage resources,
        string compressorName,
        IReadOnlyList<PassTiming> timings)
    {
        Machine = machine;
        ApplicationGraph = applicationGraph;
        MachineGraph = machineGraph;
        Placements = placements;
        Trees = trees;
        RoutingInfo = routingInfo;
        UncompressedTables = uncompressedTables;
        Tables = tables;
        Resources = resources;
        CompressorName = compressorName;
        Timings = timings;
    }

    /// <summary>The machine mapped onto.</summary>
    public SpiNNakerMachine Machine { get; }

    /// <summary>The graph the user described, when mapping started from one.</summary>
    public ApplicationGraph? ApplicationGraph { get; }

    /// <summary>The machine graph (split, or as given).</summary>
    public MachineGraph MachineGraph { get; }

    /// <summary>The core of every machine vertex.</summary>
    public PlacementSet Placements { get; }

    /// <summary>The multicast tree of every partition with targets.</summary>
    public RoutingTreeSet Trees { get; }

    /// <summary>The keys of every partition.</summary>
    public RoutingInfo RoutingInfo { get; }

    /// <summary>The routing tables as generated.</summary>
    public UncompressedTableSet UncompressedTables { get; }

    /// <summary>The routing tables to load, after default-route removal and compression.</summary>
    public CompressedTableSet Tables { get; }

    /// <summary>What the vertices use of each chip.</summary>
    public ResourceUsage Resources { get; }

    /// <summary>The name of the table compressor used.</summary>
    public string CompressorName { get; }

    /// <summary>The wall-clock seconds of each pass, in pipeline order.</summary>
    public IReadOnlyList<PassTiming> Timings { get; }

    /// <summary>The keys of partition <paramref name="identifier"/> of <paramref name="source"/>.</summary>
    public PartitionKeys KeysOf(MachineVertex source, string identifier) => RoutingInfo.Get(MachineGraph, source, identifier);

    /// <summary>The mapping report (placements, keys, table sizes) for this mapping.</summary>
    public MappingReport CreateReport() => MappingReport.Create(this);
}
