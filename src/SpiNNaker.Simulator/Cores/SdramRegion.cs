using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// A block of a chip's SDRAM owned by one core, named by a region id (as the data
/// specification regions of the SpiNNaker toolchain). Cores reach its bytes only through
/// their context (direct access or DMA, both charged); the host reads and writes it
/// between runs through the <see cref="Simulation"/>.
/// </summary>
public sealed class SdramRegion
{
    internal SdramRegion(CoreLocation owner, int id, byte[] bytes)
    {
        Owner = owner;
        Id = id;
        Bytes = bytes;
    }

    /// <summary>The core the region belongs to.</summary>
    public CoreLocation Owner { get; }

    /// <summary>The region id, unique per core.</summary>
    public int Id { get; }

    /// <summary>The region's size in bytes.</summary>
    public int Length => Bytes.Length;

    internal byte[] Bytes { get; }

    /// <summary>Describes the region.</summary>
    public override string ToString() => $"SDRAM region {Id} of core {Owner} ({Length} bytes)";
}
