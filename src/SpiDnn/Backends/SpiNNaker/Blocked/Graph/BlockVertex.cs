using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Graph;

/// <summary>
/// One core of the blocked mapping as a machine vertex: a weight core <c>(replica, layer,
/// tile, channel block, filter block)</c>, a sum core <c>(replica, layer, tile, group)</c>, or
/// a fused core <c>(replica, first layer .. last layer, tile)</c>.
/// </summary>
internal sealed class BlockVertex : MachineVertex
{
    private readonly Dictionary<string, int> _keyCounts = [];

    public BlockVertex(BlockRole role, int replica, LayerPlan layer, int layerIndex, int tile, int block, int filterBlock, LayerPlan? lastLayer = null)
        : base(role switch
        {
            BlockRole.Weight => $"r{replica}/{layer.Geometry.Name}/w t{tile} c{block} f{filterBlock}",
            BlockRole.Sum => $"r{replica}/{layer.Geometry.Name}/s t{tile} g{block}",
            _ => $"r{replica}/{layer.Geometry.Name}{(lastLayer is null || lastLayer == layer ? string.Empty : ".." + lastLayer.Geometry.Name)}/f t{tile}",
        })
    {
        Role = role;
        Replica = replica;
        Layer = layer;
        LayerIndex = layerIndex;
        Tile = tile;
        Block = block;
        FilterBlock = filterBlock;
        LastLayer = lastLayer ?? layer;
    }

    public BlockRole Role { get; }

    public int Replica { get; }

    /// <summary>The core's layer (a fused core's first layer).</summary>
    public LayerPlan Layer { get; }

    /// <summary>A fused core's last layer (else <see cref="Layer"/>).</summary>
    public LayerPlan LastLayer { get; }

    /// <summary>The layer's position among the plan's weighted layers.</summary>
    public int LayerIndex { get; }

    public int Tile { get; }

    /// <summary>The channel block (weight core) or the sum group (sum core).</summary>
    public int Block { get; }

    /// <summary>The filter block (weight core; -1 for a sum core).</summary>
    public int FilterBlock { get; }

    /// <summary>The DTCM and SDRAM the core needs (set by the graph builder).</summary>
    public ResourceRequirements Requirements { get; set; }

    /// <summary>What makes the core's program and data (set once the run is prepared).</summary>
    public IBlockedCoreFactory? Factory { get; set; }

    /// <summary>The program of the last load (kept for host-side diagnostics such as pacing waits).</summary>
    public CoreApplication? LastApplication { get; private set; }

    /// <inheritdoc/>
    public override CoreApplication? CreateCoreApplication()
    {
        LastApplication = Factory?.CreateApplication(this);
        return LastApplication;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context) =>
        Factory?.GenerateData(this, context) ?? [];

    /// <inheritdoc/>
    public override ResourceRequirements Resources => Requirements;

    /// <inheritdoc/>
    public override int KeyCountFor(string partitionIdentifier) =>
        _keyCounts.TryGetValue(partitionIdentifier, out var count) ? count : base.KeyCountFor(partitionIdentifier);

    /// <summary>Records the key count of a partition before it is created.</summary>
    public void SetKeyCount(string partitionIdentifier, int count) => _keyCounts[partitionIdentifier] = count;
}
