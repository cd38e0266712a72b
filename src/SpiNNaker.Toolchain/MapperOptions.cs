using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Routing;
using SpiNNaker.Toolchain.Routing.Compression;
using SpiNNaker.Toolchain.Routing.Tables;
using SpiNNaker.Toolchain.Splitting;

namespace SpiNNaker.Toolchain;

/// <summary>The passes a <see cref="Mapper"/> runs; replace any to swap an algorithm.</summary>
public sealed record MapperOptions
{
    /// <summary>What one core may use (splitting and resource checks).</summary>
    public CoreBudget Budget { get; init; } = CoreBudget.SpiNNaker1;

    /// <summary>The splitter for application vertices without their own.</summary>
    public ISplitter DefaultSplitter { get; init; } = ResourceSplitter.Instance;

    /// <summary>The placer.</summary>
    public IPlacer Placer { get; init; } = new ConnectivePlacer();

    /// <summary>The router.</summary>
    public IRouter Router { get; init; } = new NeighbourExploringRouter();

    /// <summary>The key allocator.</summary>
    public IKeyAllocator KeyAllocator { get; init; } = new ContiguousKeyAllocator();

    /// <summary>The table generator.</summary>
    public RoutingTableGenerator TableGenerator { get; init; } = new();

    /// <summary>The table compression pass.</summary>
    public TableCompressionPass Compression { get; init; } = new();
}
