using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Live;
using SpiNNaker.Toolchain.Loading;

namespace SpiNNaker.Toolchain.Running;

/// <summary>
/// A mapped graph on a simulation, through any number of load / run / read cycles: generates
/// every vertex's data (after key allocation), loads tables and core applications, runs (for
/// a time, until every core is done, until a host condition holds or a live callback stops
/// it), reads SDRAM regions and statistics back, and reloads afresh (<see cref="Load"/>
/// again resets the simulation first). Live I/O goes through <see cref="Live"/>, which stays
/// valid across reloads.
/// </summary>
public sealed class MachineSession
{
    private Runner? _runner;

    /// <summary>Creates a session of <paramref name="mapping"/> on a new simulation of its machine.</summary>
    public MachineSession(Mapping mapping, CostModel? cost = null, SimulationOptions? options = null)
        : this(mapping, new Simulation(mapping?.Machine ?? throw new ArgumentNullException(nameof(mapping)), cost, options))
    {
    }

    /// <summary>Creates a session of <paramref name="mapping"/> on <paramref name="simulation"/> (of the same machine object).</summary>
    /// <exception cref="ArgumentException">The simulation runs another machine.</exception>
    public MachineSession(Mapping mapping, Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(simulation);
        if (!ReferenceEquals(simulation.Machine, mapping.Machine))
        {
            throw new ArgumentException($"the simulation runs {simulation.Machine} but the graph was mapped onto {mapping.Machine}", nameof(simulation));
        }

        Mapping = mapping;
        Simulation = simulation;
        Live = new LiveEventConnection(this);
    }

    /// <summary>The mapping that is loaded.</summary>
    public Mapping Mapping { get; }

    /// <summary>The simulation it runs on.</summary>
    public Simulation Simulation { get; }

    /// <summary>The host's live event connection.</summary>
    public LiveEventConnection Live { get; }

    /// <summary>The data of the last load.</summary>
    public GeneratedData? Data { get; private set; }

    /// <summary>How many times the session was loaded.</summary>
    public int LoadCount { get; private set; }

    /// <summary>Whether the session is loaded.</summary>
    public bool IsLoaded => LoadCount > 0;

    /// <summary>Receives SDP messages to the host from cores that are not live gatherers.</summary>
    public Action<SdpMessage>? SdpReceived { get; set; }

    /// <summary>
    /// The longest simulated time between evaluations of a <see cref="RunUntil"/> condition
    /// (default 10 us); it is also evaluated whenever a message reaches the host or a core is
    /// done. Runs are never stepped: each run is one simulator run that ends at the event that
    /// decides it.
    /// </summary>
    public long PollPicoseconds { get; init; } = 10 * SimulatedTime.Microsecond;

    /// <summary>
    /// Generates every vertex's data and loads the mapping; when already loaded, resets the
    /// simulation first (time 0, fresh cores), so the run starts over with new data.
    /// </summary>
    public void Load()
    {
        if (IsLoaded || Simulation.LoadedCores.Count > 0)
        {
            Simulation.Reset();
        }

        Data = new DataGenerator().Generate(Mapping);
        Loader.Load(Mapping, Data, Simulation);
        var gathererCores = Live.GathererCores();
        Simulation.HostReceiver = message =>
        {
            if (gathererCores.Contains(message.Core))
            {
                Live.Deliver(message);
            }
            else
            {
                SdpReceived?.Invoke(message);
            }
        };

        var vertices = Mapping.MachineGraph.Vertices;
        var flush = vertices.OfType<LivePacketGathererVertex>().Select(g => (long)g.FlushPeriodMicroseconds).DefaultIfEmpty(0).Max();
        // A gatherer sends what it holds at its next flush tick (a queued callback: 10 us is ample for its dispatch).
        var flushTime = flush == 0 ? 0 : (flush + 10) * SimulatedTime.Microsecond;
        _runner = new Runner(
            Simulation,
            vertices.Where(v => !v.IsService).Select(v => Mapping.Placements[v]),
            vertices.Any(v => v.IsService),
            PollPicoseconds,
            flushTime);
        LoadCount++;
    }

    /// <summary>Runs for <paramref name="picoseconds"/> of simulated time (or until a live callback stops it).</summary>
    public RunResult RunFor(long picoseconds) => Runner.RunFor(picoseconds);

    /// <summary>Runs until every core but the live I/O cores is done, at most <paramref name="limitPicoseconds"/>.</summary>
    public RunResult RunUntilDone(long limitPicoseconds) => Runner.RunUntilDone(limitPicoseconds);

    /// <summary>Runs until <paramref name="condition"/> holds, at most <paramref name="limitPicoseconds"/>.</summary>
    public RunResult RunUntil(Func<bool> condition, long limitPicoseconds) => Runner.RunUntil(condition, limitPicoseconds);

    /// <summary>Stops a run from a host callback.</summary>
    public void Stop() => Simulation.Stop();

    /// <summary>A copy of SDRAM region <paramref name="regionId"/> of <paramref name="vertex"/>.</summary>
    public byte[] ReadRegion(MachineVertex vertex, int regionId) => Extractor.ReadRegion(Simulation, Mapping.Placements, vertex, regionId);

    /// <summary>Whether every core but the live I/O cores has called Done.</summary>
    public bool AllCoresDone => Runner.ComputeCoresDone;

    /// <summary>The simulation's statistics so far (packets, drops, busy cycles, energy).</summary>
    public SimulationStatistics GetStatistics() => Simulation.GetStatistics();

    private Runner Runner => _runner ?? throw new InvalidOperationException("load the session before running it");
}
