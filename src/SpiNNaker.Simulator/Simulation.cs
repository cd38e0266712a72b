using System.Runtime.CompilerServices;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// A packet-level, discrete-event simulation of a loaded SpiNNaker machine. Load routing
/// tables and core applications (with their SDRAM data), run for a time or until every core
/// is done, read SDRAM regions and statistics back; repeat as often as needed, or
/// <see cref="Reset"/> to start afresh. Time is an integer count of picoseconds and events
/// are ordered by (time, scheduling order), so a run is a pure function of its inputs.
/// See docs/simulator.md for the model.
/// </summary>
public sealed partial class Simulation
{
    private readonly Router[] _routers;
    private readonly int[] _routerAt;
    private readonly EventQueue _queue = new();
    private readonly KeyRoutes _keyRoutes;
    private readonly List<SdpMessage> _messages = [];
    private readonly long _routerLatency;
    private readonly long _routerCycle;
    private readonly long _link40;
    private readonly long _link72;
    private readonly long _wait1;
    private readonly long _wait2;
    private readonly long _packetInterruptCycles;
    private readonly long _timerInterruptCycles;
    private readonly long _sendCycles;

    private CoreState?[] _cores;

    // Every router's six links, router by router: one array, so using a link is one load.
    private LinkState[] _links = [];

    // For each router and link, the index in _links of the neighbour's link that feeds it (-1: none).
    private int[] _inboundLinks = [];

    // Per router, what every packet and every returned link slot look at, in two small dense
    // arrays that stay in cache (a returned slot would otherwise touch the upstream router).
    private bool[] _stalled = [];
    private uint[] _linksBlocked = [];
    private readonly List<CoreState> _loaded = [];
    private long[] _chipSdramUsed;
    private long[] _chipDmaFreeAt;
    private long[] _ethernetToChipFreeAt;
    private long[] _ethernetToHostFreeAt;
    private int _doneCount;
    private bool _stopRequested;

    // Cores that called Done in the current event; they are done once what they run has ended.
    private readonly List<CoreState> _finishing = [];

    // Packets on their way from a core or the host to a router, and SDP messages on their way:
    // in flight but in no router, link or queue (see IsQuiet).
    private long _localInFlight;
    private long _sdpInFlight;

    // Set when something that may end the run happened during the current event.
    private bool _exitCheck;
    private bool _running;
    private readonly long[] _eventsByKind = new long[Enum.GetValues<EventKind>().Length];
    private long _injected;
    private long _sdpToCores;
    private long _sdpToHost;

    /// <summary>Creates a simulation of <paramref name="machine"/> with no tables and no applications, at time 0.</summary>
    public Simulation(SpiNNakerMachine machine, CostModel? cost = null, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Machine = machine;
        Cost = cost ?? CostModel.Default;
        Cost.Validate();
        Options = options ?? SimulationOptions.Default;
        if (Options.EffectiveWait1Cycles < 0 || Options.RouterWait2Cycles < 0)
        {
            throw new ArgumentException(
                $"router waits must not be negative; received wait1 {Options.EffectiveWait1Cycles}, wait2 {Options.RouterWait2Cycles}", nameof(options));
        }

        CoreCycle = Cost.CoreCyclePicoseconds;
        _routerCycle = Cost.RouterCyclePicoseconds;
        _routerLatency = Cost.RouterLatencyPicoseconds;
        _link40 = Cost.LinkPacketTime40BitPicoseconds;
        _link72 = Cost.LinkPacketTime72BitPicoseconds;
        _wait1 = Options.EffectiveWait1Cycles * _routerCycle;
        _wait2 = Options.RouterWait2Cycles * _routerCycle;
        _packetInterruptCycles = Cost.PacketReceivedInterruptCycles;
        _timerInterruptCycles = Cost.TimerInterruptCycles;
        _sendCycles = Cost.SendPacketCycles;

        _routerAt = new int[machine.Width * machine.Height];
        Array.Fill(_routerAt, -1);
        _routers = new Router[machine.ChipCount];
        for (var i = 0; i < _routers.Length; i++)
        {
            var chip = machine.Chips[i];
            _routers[i] = new Router(i, chip.Coordinate);
            _routerAt[RouterAtIndex(chip.Coordinate)] = i;
        }

        _keyRoutes = new KeyRoutes(_routers.Length);
        _cores = [];
        _chipSdramUsed = [];
        _chipDmaFreeAt = [];
        _ethernetToChipFreeAt = [];
        _ethernetToHostFreeAt = [];
        Initialise();
    }

    /// <summary>The simulated machine.</summary>
    public SpiNNakerMachine Machine { get; }

    /// <summary>The cost model in force.</summary>
    public CostModel Cost { get; }

    /// <summary>The router configuration and seed.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The current simulated time, in picoseconds.</summary>
    public long Now { get; private set; }

    /// <summary>
    /// Called (inside the run, at the simulated arrival time) for every SDP message a core
    /// sends to the host. It may call <see cref="SendSdp"/>, <see cref="InjectMulticast"/> or
    /// <see cref="Stop"/>.
    /// </summary>
    public Action<SdpMessage>? HostReceiver { get; set; }

    /// <summary>The cores with an application loaded, in location order.</summary>
    public IReadOnlyList<CoreLocation> LoadedCores => [.. _loaded.OrderBy(c => c.Slot).Select(c => c.Location)];

    /// <summary>Whether every loaded core is done (see <see cref="IsDone"/>; false when none is loaded).</summary>
    public bool AllCoresDone => _loaded.Count > 0 && _doneCount == _loaded.Count;

    /// <summary>
    /// Whether nothing is in flight: no packet between a core (or the host) and its router,
    /// waiting in a core's send queue, held by a stalled router, on a link or in a core's
    /// communications controller; no dropped packet waiting for the reinjector; no SDP message
    /// on its way to a core or the host. What a run-until-done waits for after the cores are done.
    /// </summary>
    public bool IsQuiet
    {
        get
        {
            if (_localInFlight != 0 || _sdpInFlight != 0)
            {
                return false;
            }

            for (var i = 0; i < _routers.Length; i++)
            {
                var router = _routers[i];
                if (_stalled[i] || router.Fifo.Count > 0 || router.DumpFull || router.ReinjectionCount > 0 || router.Hot.CoresHolding != 0)
                {
                    return false;
                }
            }

            foreach (ref readonly var link in _links.AsSpan())
            {
                if (link.Neighbour >= 0 && link.Credits != Cost.LinkBufferPackets)
                {
                    return false;
                }
            }

            foreach (var core in _loaded)
            {
                if (core.OutboxCount > 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    internal long CoreCycle { get; }

    /// <summary>
    /// Returns the simulation to time 0 with no tables, no applications, no SDRAM regions,
    /// no pending events and zeroed statistics; the machine, cost model and options stay.
    /// </summary>
    public void Reset()
    {
        ThrowIfRunning();
        Initialise();
    }

    /// <summary>Loads (replaces) the routing table of <paramref name="chip"/>; the table is copied.</summary>
    /// <exception cref="RoutingTableOverflowException">The table has more than 1,023 entries; the message names the chip.</exception>
    public void LoadRoutingTable(ChipCoordinate chip, RoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var router = RouterOf(chip);
        if (table.Count > RoutingTable.ApplicationCapacity)
        {
            throw new RoutingTableOverflowException(
                $"the routing table for chip {chip} has {table.Count} entries; a SpiNNaker router holds {RoutingTable.ApplicationCapacity} for applications",
                RoutingTable.ApplicationCapacity,
                table.Count);
        }

        router.LoadTable(table);
        _keyRoutes.Forget(router.Index);
    }

    /// <summary>Loads every table of <paramref name="tables"/> (chip -> table).</summary>
    public void LoadRoutingTables(IEnumerable<KeyValuePair<ChipCoordinate, RoutingTable>> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var (chip, table) in tables)
        {
            LoadRoutingTable(chip, table);
        }
    }

    /// <summary>The number of entries loaded on <paramref name="chip"/>'s router.</summary>
    public int RoutingTableSize(ChipCoordinate chip) => RouterOf(chip).EntryCount;

    /// <summary>
    /// Loads <paramref name="application"/> onto <paramref name="core"/> with its SDRAM data.
    /// It starts (its <see cref="CoreApplication.OnStart"/> runs) at the beginning of the next run.
    /// </summary>
    /// <exception cref="ArgumentException">The core is not a working application core, or region ids repeat.</exception>
    /// <exception cref="InvalidOperationException">The core already has an application.</exception>
    /// <exception cref="MemoryBudgetExceededException">The regions do not fit the chip's SDRAM.</exception>
    public void LoadApplication(CoreLocation core, CoreApplication application, IEnumerable<SdramRegionData>? regions = null) =>
        LoadApplication(core, application, regions, CoreMemoryLimits.Hardware);

    /// <summary>
    /// Loads <paramref name="application"/> onto <paramref name="core"/> with its SDRAM data,
    /// held to <paramref name="limits"/>: its DTCM allocations and its SDRAM regions (these
    /// included) may not go over them, beneath the hardware budgets; going over is a
    /// <see cref="MemoryBudgetExceededException"/> naming the program (<see cref="CoreMemoryLimits.Label"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The core is not a working application core, or region ids repeat.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative.</exception>
    /// <exception cref="InvalidOperationException">The core already has an application.</exception>
    /// <exception cref="MemoryBudgetExceededException">The regions do not fit the limits or the chip's SDRAM.</exception>
    public void LoadApplication(CoreLocation core, CoreApplication application, IEnumerable<SdramRegionData>? regions, CoreMemoryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.DtcmBytes < 0 || limits.SdramBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits, $"core {core}: memory limits must not be negative; received DTCM {limits.DtcmBytes} B, SDRAM {limits.SdramBytes} B");
        }

        ThrowIfRunning();
        var router = RouterOf(core.Chip);
        if (!Machine.GetChip(core.Chip).IsApplicationCore(core.P))
        {
            throw new ArgumentException(
                $"core {core} is not a working application core (application cores of chip {core.Chip}: [{string.Join(", ", Machine.GetChip(core.Chip).ApplicationCores)}])",
                nameof(core));
        }

        var slot = (router.Index * Chip.ProcessorsPerChip) + core.P;
        if (_cores[slot] is not null)
        {
            throw new InvalidOperationException($"core {core} already runs {_cores[slot]!.Application.GetType().Name}; Reset the simulation to reload it");
        }

        var state = new CoreState(this, slot, router, core, application, CoreSeed(core), limits);
        var data = regions?.ToList() ?? [];
        var duplicate = data.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"core {core}: SDRAM region {duplicate.Key} is given {duplicate.Count()} times", nameof(regions));
        }

        var total = data.Sum(r => (long)r.Bytes.Length);
        if (total > limits.SdramBytes)
        {
            throw new MemoryBudgetExceededException(
                $"{state.Label} is loaded with {total:N0} B of SDRAM regions, but declared {limits.SdramBytes:N0} B", total, limits.SdramBytes);
        }

        var free = Machine.GetChip(core.Chip).SdramBytes - _chipSdramUsed[router.Index];
        if (total > free)
        {
            throw new MemoryBudgetExceededException(
                $"core {core}: SDRAM regions of {total} bytes exceed the {free} bytes free on chip {core.Chip}", total, free);
        }

        foreach (var region in data)
        {
            AllocateRegion(state, region.Id, region.Bytes.Length, region.Bytes);
        }

        _cores[slot] = state;
        _loaded.Add(state);
        router.Cores[core.P] = state;
        router.Hot.CoresLoaded |= 1u << core.P;
    }

    /// <summary>A copy of SDRAM region <paramref name="regionId"/> of <paramref name="core"/>.</summary>
    /// <exception cref="KeyNotFoundException">The core has no such region.</exception>
    public byte[] ReadSdramRegion(CoreLocation core, int regionId) => [.. Core(core).GetSdramRegion(regionId).Bytes];

    /// <summary>Whether <paramref name="core"/> has SDRAM region <paramref name="regionId"/>.</summary>
    public bool HasSdramRegion(CoreLocation core, int regionId) => Find(core)?.HasSdramRegion(regionId) ?? false;

    /// <summary>Overwrites part of an SDRAM region from the host (between runs, or from a host callback).</summary>
    public void WriteSdramRegion(CoreLocation core, int regionId, ReadOnlySpan<byte> data, int offset = 0)
    {
        var region = Core(core).GetSdramRegion(regionId);
        if (offset < 0 || (long)offset + data.Length > region.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{data.Length} bytes at offset {offset} do not fit {region}");
        }

        data.CopyTo(region.Bytes.AsSpan(offset));
    }

    /// <summary>
    /// Whether the application on <paramref name="core"/> is done: it called Done, the callback
    /// that called it has ended (its charged cycles have elapsed) and its send queue is empty
    /// (its last packet has entered the router).
    /// </summary>
    public bool IsDone(CoreLocation core) => Core(core).Cold.Finished;

    /// <summary>
    /// Injects a multicast packet at <paramref name="chip"/>'s router, as if it arrived over
    /// <paramref name="arrivingOver"/> (so default routing applies) or from a local core
    /// (null: no match means loss). It reaches the router's output stage one router latency
    /// after now.
    /// </summary>
    public void InjectMulticast(ChipCoordinate chip, uint key, uint? payload = null, Direction? arrivingOver = null)
    {
        var router = RouterOf(chip);
        var logical = arrivingOver is { } d ? (int)d : Packet.NoPort;
        if (logical is < 0 or > Packet.NoPort || logical == 6)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivingOver), arrivingOver, "a link must be 0 to 5");
        }

        _injected++;
        _localInFlight++;
        _queue.Push(Now + _routerLatency, EventKind.HostInject, router.Index, payload is null ? (byte)0 : Packet.HasPayloadFlag,
            Packet.MakePorts(Packet.NoPort, logical), key, payload ?? 0);
    }

    private void Dispatch(ref Event e)
    {
        switch (e.Kind)
        {
            case EventKind.LocalArrive:
            case EventKind.HostInject:
                _localInFlight--;
                goto case EventKind.LinkArrive;

            case EventKind.LinkArrive:
                {
                    var index = e.Target;
                    var router = _routers[index];
                    if (!_stalled[index] && (e.Flags & Packet.EmergencyFlag) == 0
                        && TryForwardFresh(router, index, e.Key, e.Payload, e.Flags, e.Ports, e.KeyId))
                    {
                        AfterProcessed(router, index, e.Ports & 0xF, PacketFifo.NoSource);
                        break;
                    }

                    ArriveNotForwarded(router, ref e);
                    break;
                }

            case EventKind.ChainArrive:
                ArriveFromSendQueue(_cores[e.Target]!);
                break;

            case EventKind.RouterRetry:
                Retry(_routers[e.Target]);
                break;
            case EventKind.RouterDeadline:
                Deadline(_routers[e.Target], e.Key);
                break;
            case EventKind.ReinjectorRead:
                ReadDroppedPacketRegister(_routers[e.Target]);
                break;
            case EventKind.ReinjectorSend:
                Reinject(_routers[e.Target]);
                break;
            case EventKind.CoreWake:
                Wake(_cores[e.Target]!);
                break;
            case EventKind.TimerTick:
                Tick(_cores[e.Target]!, e.Key);
                break;
            case EventKind.UserEvent:
                FireUserEvent(_cores[e.Target]!);
                break;
            case EventKind.DmaComplete:
                CompleteDma(_cores[e.Target]!, (int)e.Key);
                break;
            case EventKind.SdpToCore:
                ArriveSdp(_cores[e.Target]!, (int)e.Key);
                break;
            case EventKind.SdpToHost:
                DeliverToHost((int)e.Key);
                break;
            case EventKind.CoreFinish:
                EndLastCallback(_cores[e.Target]!);
                break;
            default:
                throw new InvalidOperationException($"unknown event kind {e.Kind}");
        }
    }

    /// <summary>
    /// A packet that the hot path of a link arrival did not forward: the router is stalled, the
    /// packet is on an emergency route, or an output is blocked. Out of line, so that the
    /// dispatch keeps a small frame for the common case.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ArriveNotForwarded(Router router, ref Event e)
    {
        var packet = new Packet { Key = e.Key, Payload = e.Payload, Flags = e.Flags, Ports = e.Ports };
        if (!_stalled[router.Index] && (e.Flags & Packet.EmergencyFlag) == 0)
        {
            // Blocked on arrival: it heads the queue and the router stalls.
            router.Fifo.Enqueue(in packet, PacketFifo.NoSource);
            Stall(router);
            return;
        }

        ArriveAtRouter(router, ref packet, PacketFifo.NoSource, e.KeyId);
    }

    /// <summary>The head of a core's waiting send queue reaches its router.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ArriveFromSendQueue(CoreState core)
    {
        var packet = core.Outbox[core.Cold.OutboxHead];
        ArriveAtRouter(core.Router, ref packet, core.Slot);
    }

    /// <summary>Events processed so far, by kind (for the benchmarks' breakdown of where the time goes).</summary>
    internal IReadOnlyDictionary<string, long> EventsByKind =>
        Enum.GetValues<EventKind>().ToDictionary(k => k.ToString(), k => _eventsByKind[(int)k]);

    private void Initialise()
    {
        Array.Clear(_eventsByKind);
        _queue.Clear();
        ClearHostActions();
        _keyRoutes.Clear();
        _messages.Clear();
        _loaded.Clear();
        _finishing.Clear();
        _cores = new CoreState?[_routers.Length * Chip.ProcessorsPerChip];
        _links = new LinkState[_routers.Length * DirectionExtensions.LinkCount];
        _inboundLinks = new int[_links.Length];
        _stalled = new bool[_routers.Length];
        _linksBlocked = new uint[_routers.Length];
        Array.Fill(_inboundLinks, -1);
        _chipSdramUsed = new long[_routers.Length];
        _chipDmaFreeAt = new long[_routers.Length];
        _ethernetToChipFreeAt = new long[_routers.Length];
        _ethernetToHostFreeAt = new long[_routers.Length];
        for (var i = 0; i < _routers.Length; i++)
        {
            var chip = Machine.Chips[i];
            _routers[i] = new Router(i, chip.Coordinate);
            var router = _routers[i];
            foreach (var d in DirectionExtensions.All)
            {
                ref var link = ref _links[(i * DirectionExtensions.LinkCount) + (int)d];
                link.Neighbour = chip.TryGetLinkTarget(d, out var target) ? _routerAt[RouterAtIndex(target)] : -1;
                link.Credits = Cost.LinkBufferPackets;
                if (link.Neighbour < 0 || link.Credits <= 0)
                {
                    _linksBlocked[router.Index] |= 1u << (int)d;
                }
            }

            if (Options.Reinjection)
            {
                router.ReinjectionQueue = new Packet[Cost.ReinjectionQueuePackets];
            }
        }

        for (var i = 0; i < _links.Length; i++)
        {
            if (_links[i].Neighbour >= 0)
            {
                var into = (_links[i].Neighbour * DirectionExtensions.LinkCount) + (int)((Direction)(i % DirectionExtensions.LinkCount)).Opposite();
                _inboundLinks[into] = i;
            }
        }

        Now = 0;
        _doneCount = 0;
        _stopRequested = false;
        _injected = 0;
        _sdpToCores = 0;
        _sdpToHost = 0;
        _localInFlight = 0;
        _sdpInFlight = 0;
    }

    private void StartNewCores()
    {
        foreach (var core in _loaded)
        {
            if (core.Cold.Started)
            {
                continue;
            }

            core.Cold.Started = true;
            core.Cold.StartedAt = Now;
            core.ThreadFreeAt = Now;
            core.CallbackStart = Now;
            core.Charged = 0;
            try
            {
                core.Application.OnStart(core);
            }
            catch (Exception ex) when (ex is not CoreApplicationException)
            {
                throw new CoreApplicationException(core.Location, nameof(CoreApplication.OnStart), Now, ex);
            }

            // c_main's work occupies the core like a queued callback.
            core.ThreadFreeAt = Now + (core.Charged * CoreCycle);
            core.BusyCycles += core.Charged;
            Reschedule(core);
        }
    }

    private ulong CoreSeed(CoreLocation core)
    {
        // SplitMix64 of the seed mixed with the location: independent streams per core.
        var z = Options.Seed ^ ((ulong)(uint)core.X << 40) ^ ((ulong)(uint)core.Y << 20) ^ (ulong)(uint)core.P;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private int RouterAtIndex(ChipCoordinate c) => (c.X * Machine.Height) + c.Y;

    private Router RouterOf(ChipCoordinate chip)
    {
        var index = (uint)chip.X < (uint)Machine.Width && (uint)chip.Y < (uint)Machine.Height ? _routerAt[RouterAtIndex(chip)] : -1;
        return index >= 0 ? _routers[index] : throw new ArgumentException($"the machine has no working chip at {chip}", nameof(chip));
    }

    private CoreState? Find(CoreLocation core)
    {
        var index = (uint)core.X < (uint)Machine.Width && (uint)core.Y < (uint)Machine.Height ? _routerAt[RouterAtIndex(core.Chip)] : -1;
        return index >= 0 && (uint)core.P < Chip.ProcessorsPerChip ? _cores[(index * Chip.ProcessorsPerChip) + core.P] : null;
    }

    private CoreState Core(CoreLocation core) => Find(core) ?? throw new ArgumentException($"no application is loaded on core {core}", nameof(core));

    private void ThrowIfRunning()
    {
        if (_running)
        {
            throw new InvalidOperationException("the simulation is running; this call is only allowed between runs");
        }
    }
}
