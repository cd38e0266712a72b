using SpiNNaker.Machine;
using SpiNNaker.Toolchain;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Running;

namespace SpiNNaker.GameOfLife.Toolchain;

/// <summary>
/// The Game of Life mapped by the toolchain instead of by hand: the grid is an application
/// graph (<see cref="LifeGridVertex"/>, split one cell per core), the toolchain places the
/// cells, routes each cell's state to its neighbours, allocates keys, builds and compresses
/// the tables, generates each cell's configuration and loads it all; the cells run the same
/// <see cref="LifeCell"/> program as the hand-mapped example. By default the cells are
/// placed in clusters (<see cref="PlacementOrder.Clusters"/>).
/// </summary>
public sealed class LifeOnToolchain
{
    private readonly LifeGridVertex _vertex;

    /// <summary>Maps and loads <paramref name="initial"/> onto a new simulation of <paramref name="machine"/>.</summary>
    /// <exception cref="MappingException">The grid does not fit the machine.</exception>
    public LifeOnToolchain(SpiNNakerMachine machine, LifeGrid initial, int generations, int timerPeriodMicroseconds = LifeOnSpiNNaker.DefaultTimerPeriodMicroseconds, MapperOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(initial);
        var graph = new ApplicationGraph();
        _vertex = graph.AddVertex(new LifeGridVertex(initial, generations, timerPeriodMicroseconds));
        graph.AddEdge(_vertex, _vertex, LifeGridVertex.StatePartition, _vertex.Neighbourhood());
        // A grid is sparse and local: cluster placement keeps neighbouring cells on one chip.
        Mapping = new Mapper(options ?? new MapperOptions { Placer = new ConnectivePlacer { Order = PlacementOrder.Clusters } }).Map(graph, machine);
        Session = new MachineSession(Mapping);
        Session.Load();
    }

    /// <summary>What the toolchain made of the grid.</summary>
    public Mapping Mapping { get; }

    /// <summary>The loaded session.</summary>
    public MachineSession Session { get; }

    /// <summary>Grid columns.</summary>
    public int Width => _vertex.Initial.Width;

    /// <summary>Grid rows.</summary>
    public int Height => _vertex.Initial.Height;

    /// <summary>Generations to compute.</summary>
    public int Generations => _vertex.Generations;

    /// <summary>The machine vertex of each cell, by cell index.</summary>
    public IReadOnlyList<LifeCellVertex> Cells => [.. Mapping.MachineGraph.MachineVerticesOf(_vertex).Cast<LifeCellVertex>()];

    /// <summary>Runs until every cell is done or the limit passes.</summary>
    public RunResult Run(long timeLimitPicoseconds) => Session.RunUntilDone(timeLimitPicoseconds);

    /// <summary>Generation <paramref name="generation"/> (0 = the initial grid) as the cells recorded it.</summary>
    public LifeGrid Generation(int generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(generation, Generations);
        return new LifeGrid(Width, Height, [.. Cells.Select(cell => Session.ReadRegion(cell, LifeCell.HistoryRegion)[generation] != 0)]);
    }

    /// <summary>Packets the cells received for no generation they expected (0 when the run is correct).</summary>
    public long UnexpectedPackets =>
        Cells.Sum(cell => (long)BitConverter.ToUInt32(Session.ReadRegion(cell, LifeCell.HistoryRegion), Generations + 1));
}
