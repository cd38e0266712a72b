using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiNNaker.GameOfLife;

/// <summary>
/// Maps a Game of Life grid onto a simulated machine, one cell per application core in the
/// machine's core order, with one key per cell (its index) multicast to the 8 neighbours'
/// cores; runs it; reads every generation back from the cells' SDRAM. Cells send on timer
/// ticks of <see cref="TimerPeriodMicroseconds"/>, phased by their processor number so the
/// 17 cores of a chip take turns.
/// </summary>
public sealed class LifeOnSpiNNaker
{
    private readonly CoreLocation[] _placement;

    /// <summary>Loads <paramref name="initial"/> onto <paramref name="simulation"/> to run <paramref name="generations"/> generations.</summary>
    /// <exception cref="ArgumentException">The grid has more cells than the machine has application cores.</exception>
    public LifeOnSpiNNaker(Simulation simulation, LifeGrid initial, int generations, int timerPeriodMicroseconds = DefaultTimerPeriodMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timerPeriodMicroseconds);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfNegative(generations);
        var cells = initial.Cells.Count;
        var machine = simulation.Machine;
        if (cells > machine.ApplicationCoreCount)
        {
            throw new ArgumentException(
                $"the {initial.Width} x {initial.Height} grid has {cells} cells but the machine has only {machine.ApplicationCoreCount} application cores", nameof(initial));
        }

        Simulation = simulation;
        Width = initial.Width;
        Height = initial.Height;
        Generations = generations;
        TimerPeriodMicroseconds = timerPeriodMicroseconds;
        _placement = [.. machine.ApplicationCores.Take(cells)];

        var nets = new List<MulticastTrees.Net>(cells);
        for (var i = 0; i < cells; i++)
        {
            var neighbours = LifeGrid.Neighbours(i % Width, i / Width, Width, Height);
            nets.Add(new MulticastTrees.Net((uint)i, _placement[i], [.. neighbours.Select(n => _placement[n])]));
        }

        simulation.LoadRoutingTables(MulticastTrees.Build(machine, nets));
        for (var i = 0; i < cells; i++)
        {
            var config = new byte[24];
            BitConverter.TryWriteBytes(config.AsSpan(0), (uint)i);
            BitConverter.TryWriteBytes(config.AsSpan(4), (uint)generations);
            BitConverter.TryWriteBytes(config.AsSpan(8), initial.Cells[i] ? 1u : 0u);
            BitConverter.TryWriteBytes(config.AsSpan(12), 8u);
            BitConverter.TryWriteBytes(config.AsSpan(16), (uint)timerPeriodMicroseconds);
            BitConverter.TryWriteBytes(config.AsSpan(20), (uint)((_placement[i].P - 1) * timerPeriodMicroseconds / (Chip.ProcessorsPerChip - 1)));
            simulation.LoadApplication(_placement[i], new LifeCell(), [new SdramRegionData(LifeCell.ConfigRegion, config)]);
        }
    }

    /// <summary>The default timer period: one generation per 20 us.</summary>
    public const int DefaultTimerPeriodMicroseconds = 20;

    /// <summary>The simulation the cells run on.</summary>
    public Simulation Simulation { get; }

    /// <summary>Grid columns.</summary>
    public int Width { get; }

    /// <summary>Grid rows.</summary>
    public int Height { get; }

    /// <summary>The cells' timer period, in microseconds (one generation takes at least one period).</summary>
    public int TimerPeriodMicroseconds { get; }

    /// <summary>Generations to compute.</summary>
    public int Generations { get; }

    /// <summary>The core of each cell, by cell index.</summary>
    public IReadOnlyList<CoreLocation> Placement => _placement;

    /// <summary>Runs until every cell is done or <paramref name="timeLimitPicoseconds"/> passes.</summary>
    public RunOutcome Run(long timeLimitPicoseconds) => Simulation.RunUntilDone(timeLimitPicoseconds);

    /// <summary>Generation <paramref name="generation"/> (0 = the initial grid) as the cells recorded it.</summary>
    public LifeGrid Generation(int generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(generation, Generations);
        return new LifeGrid(Width, Height, [.. _placement.Select(core => Simulation.ReadSdramRegion(core, LifeCell.HistoryRegion)[generation] != 0)]);
    }

    /// <summary>Packets the cells received for no generation they expected (0 when the run is correct).</summary>
    public long UnexpectedPackets =>
        _placement.Sum(core => (long)BitConverter.ToUInt32(Simulation.ReadSdramRegion(core, LifeCell.HistoryRegion), Generations + 1));
}
