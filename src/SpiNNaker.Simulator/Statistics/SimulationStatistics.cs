namespace SpiNNaker.Simulator;

/// <summary>A snapshot of everything the simulation counted, as plain data.</summary>
public sealed record SimulationStatistics
{
    /// <summary>Simulated time, in picoseconds.</summary>
    public required long SimulatedPicoseconds { get; init; }

    /// <summary>Simulated time, in seconds.</summary>
    public double SimulatedSeconds => SimulatedTime.ToSeconds(SimulatedPicoseconds);

    /// <summary>Events the engine processed (a measure of simulation work, not of the machine).</summary>
    public required long EventsProcessed { get; init; }

    /// <summary>Per router, in chip order.</summary>
    public required IReadOnlyList<RouterStatistics> Routers { get; init; }

    /// <summary>Per working link that carried at least one packet, in chip then link order.</summary>
    public required IReadOnlyList<LinkStatistics> Links { get; init; }

    /// <summary>Per loaded core, in location order.</summary>
    public required IReadOnlyList<CoreStatistics> Cores { get; init; }

    /// <summary>Sums.</summary>
    public required TotalStatistics Totals { get; init; }

    /// <summary>Energy.</summary>
    public required EnergyReport Energy { get; init; }

    /// <summary>
    /// Whether two snapshots hold the same numbers, element by element (records compare
    /// their lists by reference; this compares contents).
    /// </summary>
    public bool SameAs(SimulationStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SimulatedPicoseconds == other.SimulatedPicoseconds
            && EventsProcessed == other.EventsProcessed
            && Routers.SequenceEqual(other.Routers)
            && Links.SequenceEqual(other.Links)
            && Cores.SequenceEqual(other.Cores)
            && Totals == other.Totals
            && Energy == other.Energy;
    }
}
