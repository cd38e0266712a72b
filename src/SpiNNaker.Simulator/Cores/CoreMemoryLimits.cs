using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// Memory a core's program may use, given when it is loaded
/// (<see cref="Simulation.LoadApplication(CoreLocation, CoreApplication, IEnumerable{SdramRegionData}?, CoreMemoryLimits)"/>):
/// a toolchain that sized and placed the program by the resources it declared holds it to
/// them, and going over is an error naming the program. The hardware budgets still apply
/// beneath (DTCM less the runtime's share, the chip's SDRAM shared by its cores).
/// </summary>
public sealed record CoreMemoryLimits
{
    /// <summary>The hardware budgets only.</summary>
    public static CoreMemoryLimits Hardware { get; } = new();

    /// <summary>DTCM bytes the program may allocate (default: the whole 64 KB, so only the hardware budget applies).</summary>
    public int DtcmBytes { get; init; } = MemorySizes.DtcmBytes;

    /// <summary>SDRAM bytes the core's regions may take, those loaded with it included (default: a chip's usable SDRAM).</summary>
    public long SdramBytes { get; init; } = MemorySizes.SdramUsableBytesPerChip;

    /// <summary>How errors name the program, e.g. <c>machine vertex 'conv1'</c> (default: the core).</summary>
    public string? Label { get; init; }
}
