using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>
/// What one blocked-mapping machine run measured: simulated and host time, the examples it
/// processed, packets (sent, delivered, dropped), cores, energy, and the plan it ran.
/// </summary>
public sealed class BlockedRunStatistics : IBackendStatistics
{
    /// <summary>The backend's name.</summary>
    public string BackendName => "spinnaker";

    /// <summary>The mapping's name.</summary>
    public string Mapping => "blocked";

    /// <summary>The plan: splits, slots, replicas, format.</summary>
    public required string Plan { get; init; }

    /// <summary>Whether the run trained (otherwise it predicted).</summary>
    public required bool Training { get; init; }

    /// <summary>Examples processed (training and inference examples, all replicas).</summary>
    public required long Examples { get; init; }

    /// <summary>Training examples processed.</summary>
    public required long TrainingExamples { get; init; }

    /// <summary>Simulated seconds from start to the last core's finish.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Host seconds spent simulating.</summary>
    public required double HostSeconds { get; init; }

    /// <summary>Host seconds spent planning, mapping, generating and loading data.</summary>
    public required double SetupSeconds { get; init; }

    /// <summary>Cores used.</summary>
    public required int Cores { get; init; }

    /// <summary>Chips used.</summary>
    public required int Chips { get; init; }

    /// <summary>The simulation's counters at the end of the run.</summary>
    public required TotalStatistics Totals { get; init; }

    /// <summary>Simulated energy in joules.</summary>
    public required double EnergyJoules { get; init; }

    /// <summary>Simulator events processed.</summary>
    public required long Events { get; init; }

    /// <summary>The busiest cores: their vertex and the fraction of the run they were busy (interrupts, callbacks, paced waits).</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> BusiestCores { get; init; }

    /// <summary>Cycles all cores spent waiting for their TDMA send slots (part of their busy cycles).</summary>
    public required long PacingWaitCycles { get; init; }

    /// <summary>Sends the cores retried because their send queue was full (the router was busy).</summary>
    public required long SendRetries { get; init; }

    /// <summary>DTCM bytes the cores' vertices declared and their programs did not allocate (0: every declaration is exact).</summary>
    public required long UnallocatedDtcmBytes { get; init; }

    /// <summary>Examples per simulated second.</summary>
    public double ExamplesPerSimulatedSecond => SimulatedSeconds > 0 ? Examples / SimulatedSeconds : 0;

    /// <summary>Packets sent by cores per example.</summary>
    public double PacketsPerExample => Examples > 0 ? (double)Totals.PacketsSent / Examples : 0;

    /// <summary>Simulated seconds per host second: above 1 the simulation is faster than the machine would be.</summary>
    public double SimulatedSecondsPerHostSecond => HostSeconds > 0 ? SimulatedSeconds / HostSeconds : 0;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, double>> Figures =>
    [
        new("simulated_seconds", SimulatedSeconds),
        new("host_seconds", HostSeconds),
        new("setup_seconds", SetupSeconds),
        new("examples", Examples),
        new("examples_per_simulated_second", ExamplesPerSimulatedSecond),
        new("simulated_seconds_per_host_second", SimulatedSecondsPerHostSecond),
        new("cores", Cores),
        new("chips", Chips),
        new("packets_sent", Totals.PacketsSent),
        new("packets_delivered", Totals.PacketsReceived),
        new("packets_per_example", PacketsPerExample),
        new("packets_dropped", Totals.Dropped),
        new("packets_lost", Totals.Lost),
        new("packets_reinjected", Totals.Reinjected),
        new("link_packets", Totals.LinkPackets),
        new("energy_joules", EnergyJoules),
        new("simulator_events", Events),
        new("pacing_wait_cycles", PacingWaitCycles),
        new("send_retries", SendRetries),
    ];
}
