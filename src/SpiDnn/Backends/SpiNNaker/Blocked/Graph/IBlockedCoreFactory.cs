using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Graph;

/// <summary>Makes a blocked core's program (for its number format) and its SDRAM data once keys and placements exist.</summary>
internal interface IBlockedCoreFactory
{
    /// <summary>A new program for <paramref name="vertex"/>.</summary>
    CoreApplication CreateApplication(BlockVertex vertex);

    /// <summary>The SDRAM regions of <paramref name="vertex"/> in the mapping of <paramref name="context"/>.</summary>
    IReadOnlyList<SdramRegionData> GenerateData(BlockVertex vertex, DataGenerationContext context);
}
