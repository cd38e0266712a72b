using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiNNaker.Toolchain.Resources;

/// <summary>
/// What one core may use: the limits the splitter cuts to and the resource checker enforces.
/// </summary>
public sealed record CoreBudget
{
    /// <summary>
    /// The budget of a SpiNNaker 1 core with no timestep limit: its 64 KB of DTCM less what
    /// the runtime keeps (61,440 B), and a whole chip's usable SDRAM.
    /// </summary>
    public static CoreBudget SpiNNaker1 { get; } = new();

    /// <summary>
    /// DTCM bytes per core for the application's state: default 65,536 less the simulator's
    /// <see cref="CostModel.DtcmReservedBytes"/> (4,096 B for stack and runtime) = 61,440.
    /// </summary>
    public int DtcmBytes { get; init; } = MemorySizes.DtcmBytes - CostModel.Default.DtcmReservedBytes;

    /// <summary>
    /// SDRAM bytes one core may take (default: a whole chip's usable 123,469,792 bytes; the
    /// placer then checks that the cores of a chip share it).
    /// </summary>
    public long SdramBytes { get; init; } = MemorySizes.SdramUsableBytesPerChip;

    /// <summary>
    /// Cycles per timestep one core may spend, or null for no limit: a 1 ms timestep at
    /// 200 MHz gives 200,000 cycles.
    /// </summary>
    public long? CyclesPerTimestep { get; init; }

    /// <summary>The cycles of a timestep of <paramref name="microseconds"/> at the 200 MHz core clock.</summary>
    public static long CyclesFor(double microseconds) => (long)(microseconds * 200);

    /// <summary>Whether <paramref name="resources"/> fit one core.</summary>
    public bool Fits(ResourceRequirements resources) =>
        resources.DtcmBytes <= DtcmBytes && resources.SdramBytes <= SdramBytes &&
        (CyclesPerTimestep is not { } cycles || resources.CyclesPerTimestep <= cycles);

    /// <summary>What in <paramref name="resources"/> exceeds the budget, as text (empty when they fit).</summary>
    public string Excess(ResourceRequirements resources)
    {
        var parts = new List<string>();
        if (resources.DtcmBytes > DtcmBytes)
        {
            parts.Add($"DTCM {resources.DtcmBytes:N0} B > {DtcmBytes:N0} B");
        }

        if (resources.SdramBytes > SdramBytes)
        {
            parts.Add($"SDRAM {resources.SdramBytes:N0} B > {SdramBytes:N0} B");
        }

        if (CyclesPerTimestep is { } c && resources.CyclesPerTimestep > c)
        {
            parts.Add($"{resources.CyclesPerTimestep:N0} cycles/timestep > {c:N0}");
        }

        return string.Join(", ", parts);
    }
}
