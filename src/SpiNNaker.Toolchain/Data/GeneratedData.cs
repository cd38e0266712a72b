using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Data;

/// <summary>The data generator's result: the SDRAM regions of every vertex.</summary>
public sealed class GeneratedData
{
    private readonly Dictionary<MachineVertex, IReadOnlyList<SdramRegionData>> _regions;

    internal GeneratedData(Dictionary<MachineVertex, IReadOnlyList<SdramRegionData>> regions) => _regions = regions;

    /// <summary>The regions of <paramref name="vertex"/> (none when it generated none).</summary>
    public IReadOnlyList<SdramRegionData> RegionsOf(MachineVertex vertex) => _regions.GetValueOrDefault(vertex) ?? [];

    /// <summary>The bytes of all regions of <paramref name="vertex"/>.</summary>
    public long BytesOf(MachineVertex vertex) => RegionsOf(vertex).Sum(r => (long)r.Bytes.Length);

    /// <summary>The bytes over all vertices.</summary>
    public long TotalBytes => _regions.Values.Sum(list => list.Sum(r => (long)r.Bytes.Length));
}
