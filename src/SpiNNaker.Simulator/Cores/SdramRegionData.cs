namespace SpiNNaker.Simulator;

/// <summary>The bytes the host loads into an SDRAM region of a core before it starts.</summary>
/// <param name="Id">The region id, unique per core.</param>
/// <param name="Bytes">The region's contents (its length is the region's size).</param>
public sealed record SdramRegionData(int Id, byte[] Bytes);
