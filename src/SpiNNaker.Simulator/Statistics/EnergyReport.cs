namespace SpiNNaker.Simulator;

/// <summary>
/// Energy by the energy model of <see cref="CostModel"/>: every chip of the machine idles
/// for the simulated time, every loaded core adds its active power from its start until it
/// is done, and every packet costs router energy per bit at each router it passes.
/// </summary>
public sealed record EnergyReport
{
    /// <summary>Chips idling: chips x idle watts x seconds.</summary>
    public required double IdleJoules { get; init; }

    /// <summary>Active cores: active core-seconds x watts per core.</summary>
    public required double CoreJoules { get; init; }

    /// <summary>Routers: bits x joules per bit, per router traversal.</summary>
    public required double RouterJoules { get; init; }

    /// <summary>The sum.</summary>
    public double TotalJoules => IdleJoules + CoreJoules + RouterJoules;
}
