using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// What a SpiNNaker run measured: simulated time, throughput, packets, cores, chips and energy
/// (the simulator's energy model). Attached to <see cref="History.BackendStatistics"/> after
/// Fit and kept as <see cref="SpiNNakerBackend.LastRun"/> after every operation. When an
/// operation needs several machine runs (training with validation data runs one per epoch
/// plus the validation predictions) the figures are their sums, and the cores and chips the
/// largest of them.
/// </summary>
public sealed record SpiNNakerRunStatistics : IBackendStatistics
{
    /// <inheritdoc/>
    public string BackendName => "spinnaker";

    /// <summary>The mapping (<c>neuron</c>, <c>blocked</c>).</summary>
    public required string Mapping { get; init; }

    /// <summary>The machine (<c>spinn3</c>, <c>spinn5</c>, a description file).</summary>
    public required string Machine { get; init; }

    /// <summary>Simulated seconds from load to the last core done.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Examples processed (predicted, or trained: every example of every epoch).</summary>
    public required long Examples { get; init; }

    /// <summary>Examples per simulated second.</summary>
    public double ExamplesPerSimulatedSecond => SimulatedSeconds > 0 ? Examples / SimulatedSeconds : 0;

    /// <summary>Multicast packets sent by cores.</summary>
    public required long PacketsSent { get; init; }

    /// <summary>Multicast packets delivered to cores (a multicast packet counts once per receiving core).</summary>
    public required long PacketsDelivered { get; init; }

    /// <summary>Packets routers dropped.</summary>
    public required long PacketsDropped { get; init; }

    /// <summary>Dropped packets the reinjectors re-sent.</summary>
    public required long PacketsReinjected { get; init; }

    /// <summary>Packets lost for good.</summary>
    public required long PacketsLost { get; init; }

    /// <summary>Packets that went around a blocked link by emergency routing.</summary>
    public required long PacketsEmergencyRouted { get; init; }

    /// <summary>Cores with an application loaded (service cores included).</summary>
    public required int CoresUsed { get; init; }

    /// <summary>Chips with at least one loaded core.</summary>
    public required int ChipsUsed { get; init; }

    /// <summary>Energy by the simulator's energy model, in joules.</summary>
    public required double EnergyJoules { get; init; }

    /// <summary>Machine runs (loads) the operation took.</summary>
    public required int Runs { get; init; }

    /// <summary>Wall-clock seconds the host spent (mapping, simulation, reading back).</summary>
    public required double HostSeconds { get; init; }

    /// <summary>Packets sent per example.</summary>
    public double PacketsPerExample => Examples > 0 ? PacketsSent / (double)Examples : 0;

    /// <summary>Packets delivered per example.</summary>
    public double DeliveriesPerExample => Examples > 0 ? PacketsDelivered / (double)Examples : 0;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, double>> Figures =>
    [
        new("simulated_seconds", SimulatedSeconds),
        new("examples", Examples),
        new("examples_per_simulated_second", ExamplesPerSimulatedSecond),
        new("packets_sent", PacketsSent),
        new("packets_delivered", PacketsDelivered),
        new("packets_dropped", PacketsDropped),
        new("packets_reinjected", PacketsReinjected),
        new("packets_lost", PacketsLost),
        new("cores_used", CoresUsed),
        new("chips_used", ChipsUsed),
        new("energy_joules", EnergyJoules),
        new("host_seconds", HostSeconds),
    ];

    /// <summary>The figures of one machine run from the simulator's statistics.</summary>
    public static SpiNNakerRunStatistics FromSimulation(string mapping, string machine, SimulationStatistics statistics, long examples, double hostSeconds)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var totals = statistics.Totals;
        return new SpiNNakerRunStatistics
        {
            Mapping = mapping,
            Machine = machine,
            SimulatedSeconds = statistics.SimulatedSeconds,
            Examples = examples,
            PacketsSent = totals.PacketsSent + totals.PacketsInjected,
            PacketsDelivered = totals.PacketsReceived,
            PacketsDropped = totals.Dropped,
            PacketsReinjected = totals.Reinjected,
            PacketsLost = totals.Lost,
            PacketsEmergencyRouted = totals.EmergencyRouted,
            CoresUsed = statistics.Cores.Count,
            ChipsUsed = statistics.Cores.Select(c => c.Core.Chip).Distinct().Count(),
            EnergyJoules = statistics.Energy.TotalJoules,
            Runs = 1,
            HostSeconds = hostSeconds,
        };
    }

    /// <summary>The figures of two operations' runs together (sums; the larger core and chip counts).</summary>
    public SpiNNakerRunStatistics Plus(SpiNNakerRunStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            SimulatedSeconds = SimulatedSeconds + other.SimulatedSeconds,
            Examples = Examples + other.Examples,
            PacketsSent = PacketsSent + other.PacketsSent,
            PacketsDelivered = PacketsDelivered + other.PacketsDelivered,
            PacketsDropped = PacketsDropped + other.PacketsDropped,
            PacketsReinjected = PacketsReinjected + other.PacketsReinjected,
            PacketsLost = PacketsLost + other.PacketsLost,
            PacketsEmergencyRouted = PacketsEmergencyRouted + other.PacketsEmergencyRouted,
            CoresUsed = Math.Max(CoresUsed, other.CoresUsed),
            ChipsUsed = Math.Max(ChipsUsed, other.ChipsUsed),
            EnergyJoules = EnergyJoules + other.EnergyJoules,
            Runs = Runs + other.Runs,
            HostSeconds = HostSeconds + other.HostSeconds,
        };
    }
}
