namespace SpiNNaker.Machine;

/// <summary>
/// How many cores of each chip applications get, and which parts of the machine are dead.
/// </summary>
public sealed class MachineOptions
{
    /// <summary>The options of a fault-free machine with 17 application cores per chip.</summary>
    public static MachineOptions Default { get; } = new();

    /// <summary>
    /// Application cores per chip, 0 to 17 (default 17: every core but the monitor). Machine
    /// documentation often quotes 16 (one core kept spare).
    /// </summary>
    public int ApplicationCoresPerChip { get; init; } = Chip.ProcessorsPerChip - 1;

    /// <summary>
    /// Whether each chip gives one more core to an "extra monitor" (the reinjector): the
    /// highest-numbered working core that is not the monitor.
    /// </summary>
    public bool ReserveExtraMonitor { get; init; }

    /// <summary>Chips that do not work: they and every link to them are absent.</summary>
    public IReadOnlyCollection<ChipCoordinate> DeadChips { get; init; } = [];

    /// <summary>Cores that do not work (never the monitor core 0: a chip without its monitor is a dead chip).</summary>
    public IReadOnlyCollection<CoreLocation> DeadCores { get; init; } = [];

    /// <summary>Links that do not work; a dead link is dead in both directions.</summary>
    public IReadOnlyCollection<LinkLocation> DeadLinks { get; init; } = [];
}
