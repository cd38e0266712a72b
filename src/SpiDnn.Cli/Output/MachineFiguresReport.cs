using System.Text.Json.Serialization;
using SpiDnn.Backends.SpiNNaker;

namespace SpiDnn.Cli.Output;

/// <summary>
/// The SpiNNaker run figures every report carries when the backend is <c>spinnaker</c>
/// (absent from the JSON for the host backend): mapping, machine, simulated time, throughput,
/// packets, cores, chips and energy.
/// </summary>
internal abstract record MachineFiguresReport
{
    /// <summary>The mapping (<c>blocked</c> or <c>neuron</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mapping { get; init; }

    /// <summary>The machine (<c>spinn3</c>, <c>spinn5</c> or the description file).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Machine { get; init; }

    /// <summary>Simulated seconds of the operation's machine runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SimulatedSeconds { get; init; }

    /// <summary>Examples per simulated second.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ExamplesPerSimulatedSecond { get; init; }

    /// <summary>Multicast packets sent by cores.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PacketsSent { get; init; }

    /// <summary>Packets routers dropped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PacketsDropped { get; init; }

    /// <summary>Dropped packets the reinjectors re-sent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PacketsReinjected { get; init; }

    /// <summary>Cores with an application loaded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CoresUsed { get; init; }

    /// <summary>Chips with a loaded core.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChipsUsed { get; init; }

    /// <summary>Energy by the simulator's energy model, in joules.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? EnergyJoules { get; init; }

    /// <summary>This report with the figures of <paramref name="statistics"/> (unchanged when null: the host backend).</summary>
    public MachineFiguresReport WithFigures(SpiNNakerRunStatistics? statistics) => statistics is null ? this : this with
    {
        Mapping = statistics.Mapping,
        Machine = statistics.Machine,
        SimulatedSeconds = statistics.SimulatedSeconds,
        ExamplesPerSimulatedSecond = statistics.ExamplesPerSimulatedSecond,
        PacketsSent = statistics.PacketsSent,
        PacketsDropped = statistics.PacketsDropped,
        PacketsReinjected = statistics.PacketsReinjected,
        CoresUsed = statistics.CoresUsed,
        ChipsUsed = statistics.ChipsUsed,
        EnergyJoules = statistics.EnergyJoules,
    };

    /// <summary>The figures as one line of text, or null for the host backend.</summary>
    public static string? Describe(SpiNNakerRunStatistics? statistics) => statistics is null ? null : string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"spinnaker ({statistics.Mapping} mapping on {statistics.Machine}): {statistics.SimulatedSeconds:F3} simulated s, {statistics.ExamplesPerSimulatedSecond:F1} examples per simulated s, " +
        $"{statistics.PacketsSent:N0} packets sent, {statistics.PacketsDropped:N0} dropped, {statistics.PacketsReinjected:N0} reinjected, " +
        $"{statistics.CoresUsed} cores on {statistics.ChipsUsed} chips, {statistics.EnergyJoules:F2} J");
}
