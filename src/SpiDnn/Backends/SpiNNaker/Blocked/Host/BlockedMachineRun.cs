using System.Diagnostics;
using System.Runtime.InteropServices;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Cores;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Graph;
using SpiDnn.Backends.SpiNNaker.Blocked.Pacing;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiDnn.Layers;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Running;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Host;

/// <summary>
/// One run of the blocked mapping on the target, end to end, on the toolchain: plan the
/// blocks, build the machine graph, map it (place, route, keys, tables), pace the partitions,
/// then a <see cref="MachineSession"/> generates and loads every core's data and runs it in
/// chunks while the host watches the routers' drop counters and the output cores' phase
/// reports; finally the weights and predictions are read back.
/// </summary>
internal sealed class BlockedMachineRun : IBlockedCoreFactory
{
    private readonly Sequential _model;
    private readonly RunData _data;
    private readonly BlockedOptions _options;
    private readonly NumberFormat _format;
    private readonly SpiNNakerTarget _target;
    private readonly IReadOnlyList<Layer> _weightedLayers;
    private BlockedDataGenerator? _generator;
    private BlockedGraph? _graph;
    private NetworkPlan? _plan;
    private IReadOnlyDictionary<PartitionSpec, SendPacing>? _pacing;

    public BlockedMachineRun(Sequential model, RunData data, BlockedOptions options, NumberFormat format, SpiNNakerTarget target)
    {
        _model = model;
        _data = data;
        _options = options;
        _format = format;
        _target = target;
        _weightedLayers = [.. model.Layers.Where(l => l is Dense or Conv1D)];
    }

    /// <summary>The plan, once <see cref="Map"/> has run.</summary>
    public NetworkPlan? Plan => _plan;

    /// <summary>Receives each phase's scores as soon as every output core has reported it.</summary>
    public Action<PhaseScore>? PhaseCompleted { get; init; }

    /// <summary>A run still going after this much simulated time (an hour) is given up rather than left to spin.</summary>
    private const long MaxSimulatedPicoseconds = 3_600 * SimulatedTime.Second;

    private CostModel Cost => _target.Options.Cost;

    private SimulationOptions SimulationOptions => _target.Options.SimulationOptions;

    /// <summary>
    /// Plans the blocks, builds the machine graph and maps it onto the target's machine (place,
    /// route, keys, tables, resources), without loading or running anything.
    /// </summary>
    /// <exception cref="SpiNNakerMappingException">The model does not fit the machine; the message names what did not fit.</exception>
    public Mapping Map()
    {
        var machine = _target.Machine;
        var palette = InputPalette.For(_data.Inputs);
        var coresPerChip = machine.Chips.Max(c => c.ApplicationCores.Count);
        var planner = new BlockPlanner(Cost, _options, _format, coresPerChip);
        var plan = planner.Plan(_model, _data.Training, machine.ApplicationCoreCount, _data.DataRows, palette.BytesPerValue, _data.BatchSize);
        var graph = BlockedGraph.Build(plan, _data.Training, _data.HasInference, coresPerChip);
        _graph = graph;
        _generator = new BlockedDataGenerator(graph, _data, palette, _weightedLayers);
        foreach (var vertex in graph.Vertices)
        {
            var dtcm = CoreMemory.Bytes(graph, vertex, _data.Training, palette.Values.Length, palette.BytesPerValue);
            if (dtcm > planner.DtcmBudget)
            {
                throw new SpiNNakerMappingException(
                    $"{vertex.Label} of the blocked plan ({plan}) needs {dtcm:N0} B of DTCM; a core offers {planner.DtcmBudget:N0} B (force a finer split with BlockedOptions.Splits, or use fewer slots)");
            }

            vertex.Requirements = new global::SpiNNaker.Toolchain.Resources.ResourceRequirements(dtcm, _generator.SdramBytes(vertex));
            vertex.Factory = this;
        }

        Mapping mapping;
        try
        {
            mapping = new Mapper().Map(graph.Graph, machine);
        }
        catch (MappingException e)
        {
            throw new SpiNNakerMappingException($"the blocked plan ({plan}) does not map onto the machine ({machine}): {e.Message}", e);
        }

        _plan = plan;
        return mapping;
    }

    /// <summary>Maps (see <see cref="Map"/>), runs; returns the result.</summary>
    /// <exception cref="SpiNNakerMappingException">The model does not fit the machine.</exception>
    /// <exception cref="SpiNNakerRunException">A packet was dropped, the cores stalled, or a core failed.</exception>
    public BlockedRunResult Execute()
    {
        var setupClock = Stopwatch.StartNew();
        var mapping = Map();
        var graph = _graph!;
        var plan = _plan!;
        var machine = _target.Machine;
        _pacing = _options.Pacing
            ? PacingPlanner.Plan(graph, v => mapping.Placements[v], spec => LinksOf(mapping, spec), machine, Cost, _format)
            : new Dictionary<PartitionSpec, SendPacing>();

        var session = _target.CreateSession(mapping);
        var reports = new PhaseReports(graph, mapping, _data, PhaseCompleted);
        session.SdpReceived = reports.Receive;
        session.Load();
        var setupSeconds = setupClock.Elapsed.TotalSeconds;

        var runClock = Stopwatch.StartNew();
        var finish = RunToCompletion(session, graph, mapping);
        var hostSeconds = runClock.Elapsed.TotalSeconds;
        var statistics = session.GetStatistics();

        // A run-until-done ends once what the cores sent has arrived, their reports included.
        var phases = _data.Sequences[0].PhaseCount;
        if (reports.Completed.Count != phases)
        {
            throw new SpiNNakerRunException($"the output cores reported {reports.Completed.Count} of the run's {phases} phases");
        }

        var examples = _data.Sequences.Sum(s => s.TotalExamples);
        _target.Record(session, examples);
        return new BlockedRunResult
        {
            Plan = plan,
            Weights = _data.Training ? ReadWeights(session, graph) : null,
            Predictions = _data.Training ? null : ReadPredictions(session, graph),
            Phases = reports.Completed,
            Statistics = new BlockedRunStatistics
            {
                Plan = plan.ToString(),
                Training = _data.Training,
                Examples = examples,
                TrainingExamples = _data.Training ? (long)_data.Epochs * _data.TrainCount : 0,
                SimulatedSeconds = SimulatedTime.ToSeconds(finish),
                HostSeconds = hostSeconds,
                SetupSeconds = setupSeconds,
                Cores = mapping.Placements.Count,
                Chips = mapping.Placements.ChipCount,
                Totals = statistics.Totals,
                EnergyJoules = statistics.Energy.TotalJoules,
                Events = statistics.EventsProcessed,
                BusiestCores = [.. statistics.Cores.OrderByDescending(c => c.BusyCycles).Take(12).Select(c => Busy(c, mapping, finish))],
                PacingWaitCycles = graph.Vertices.Sum(v => PacingWait(v.LastApplication)),
                SendRetries = graph.Vertices.Sum(v => Refused(v.LastApplication)),
                UnallocatedDtcmBytes = graph.Vertices.Sum(v => (long)Unallocated(v.LastApplication)),
            },
        };
    }

    /// <inheritdoc/>
    public CoreApplication CreateApplication(BlockVertex vertex) => (vertex.Role, _format) switch
    {
        (BlockRole.Weight, NumberFormat.Float) => new WeightCore<float, float, FloatArithmetic>(),
        (BlockRole.Weight, _) => new WeightCore<int, long, FixedS1615Arithmetic>(),
        (BlockRole.Sum, NumberFormat.Float) => new SumCore<float, float, FloatArithmetic>(),
        (BlockRole.Sum, _) => new SumCore<int, long, FixedS1615Arithmetic>(),
        (_, NumberFormat.Float) => new FusedCore<float, float, FloatArithmetic>(),
        _ => new FusedCore<int, long, FixedS1615Arithmetic>(),
    };

    /// <inheritdoc/>
    public IReadOnlyList<SdramRegionData> GenerateData(BlockVertex vertex, DataGenerationContext context) =>
        _generator!.Generate(vertex, _pacing!, spec => context.Mapping.KeysOf(spec.Source, spec.Identifier).FirstKey);

    /// <summary>The directed links the multicast tree of <paramref name="spec"/> uses.</summary>
    private static IReadOnlyList<(ChipCoordinate Chip, Direction Link)> LinksOf(Mapping mapping, PartitionSpec spec)
    {
        var partition = mapping.MachineGraph.FindPartition(spec.Source, spec.Identifier);
        return partition is not null && mapping.Trees.TryGetTree(partition, out var tree)
            ? [.. tree.Hops.Where(h => h.ArrivedBy is not null).Select(h => (h.Chip, h.ArrivedBy!.Value))]
            : [];
    }

    private KeyValuePair<string, double> Busy(CoreStatistics core, Mapping mapping, long finish)
    {
        var vertex = mapping.Placements.TryGetVertex(core.Core, out var v) ? v as BlockVertex : null;
        var wait = core.BusyCycles > 0 ? PacingWait(vertex?.LastApplication) / (double)core.BusyCycles : 0;
        return new KeyValuePair<string, double>(
            $"{vertex?.Label ?? "?"} @{core.Core} (pacing waits {wait:P0} of busy)",
            core.BusyCycles * (double)Cost.CoreCyclePicoseconds / Math.Max(1, finish));
    }

    private static long Refused(CoreApplication? application) => application switch
    {
        BlockCore<float, float, FloatArithmetic> f => f.RefusedSends,
        BlockCore<int, long, FixedS1615Arithmetic> q => q.RefusedSends,
        _ => 0,
    };

    private static int Unallocated(CoreApplication? application) => application switch
    {
        BlockCore<float, float, FloatArithmetic> f => f.UnallocatedDtcmBytes,
        BlockCore<int, long, FixedS1615Arithmetic> q => q.UnallocatedDtcmBytes,
        _ => 0,
    };

    private static long PacingWait(CoreApplication? application) => application switch
    {
        BlockCore<float, float, FloatArithmetic> f => f.PacingWaitCycles,
        BlockCore<int, long, FixedS1615Arithmetic> q => q.PacingWaitCycles,
        _ => 0,
    };

    /// <summary>
    /// Runs in chunks of <see cref="BlockedOptions.CheckIntervalMicroseconds"/>; after each, a
    /// dropped packet stops the run (the pipeline would wait for it forever). Returns the
    /// simulated time at which the run ended: every core done and what they sent (the phase
    /// reports to the host included) arrived.
    /// </summary>
    private long RunToCompletion(MachineSession session, BlockedGraph graph, Mapping mapping)
    {
        var chunk = _options.CheckIntervalMicroseconds * SimulatedTime.Microsecond;
        var simulation = session.Simulation;
        while (true)
        {
            RunResult result;
            try
            {
                result = session.RunUntilDone(chunk);
            }
            catch (CoreApplicationException e)
            {
                var name = mapping.Placements.TryGetVertex(e.Core, out var v) ? v.Label : e.Core.ToString();
                throw new SpiNNakerRunException(
                    $"core {e.Core} ({name}) failed at {SimulatedTime.ToSeconds(simulation.Now) * 1e3:F3} simulated ms: {e.InnerException?.Message ?? e.Message}", e);
            }

            var statistics = session.GetStatistics();
            // Without reinjectors a dropped packet is lost; with them only a packet they lose is.
            if (statistics.Totals.Lost > 0 || (statistics.Totals.Dropped > 0 && !SimulationOptions.Reinjection))
            {
                var routers = statistics.Routers.Where(r => r.Dropped > 0 || r.Lost > 0).ToList();
                var waiting = Waiting(simulation, graph, mapping);
                throw new SpiNNakerRunException(
                    $"the routers dropped {statistics.Totals.Dropped} packet(s) ({statistics.Totals.Lost} lost for good) by {SimulatedTime.ToSeconds(simulation.Now) * 1e3:F3} simulated ms " +
                    $"({string.Join("; ", routers.Select(r => $"chip {r.Chip}: {r.Dropped} dropped"))}); the blocked mapping cannot recover a lost packet, so the run stops. " +
                    $"Pacing is {(_options.Pacing ? "on" : "off")}, reinjection {(SimulationOptions.Reinjection ? "on" : "off")}, wait1 {SimulationOptions.EffectiveWait1Cycles} and wait2 {SimulationOptions.RouterWait2Cycles} router cycles.",
                    statistics.Totals.Dropped, statistics.Totals.Lost, [.. routers.Select(r => (r.Chip, r.Dropped))], waiting, SimulatedTime.ToSeconds(simulation.Now));
            }

            if (result.End == RunEnd.AllCoresDone)
            {
                return simulation.Now;
            }

            if (simulation.Now > MaxSimulatedPicoseconds)
            {
                var waiting = Waiting(simulation, graph, mapping);
                throw new SpiNNakerRunException(
                    $"the run had not finished after {SimulatedTime.ToSeconds(simulation.Now):F0} simulated s; still running: {string.Join(", ", waiting.Take(8))}",
                    0, 0, [], waiting, SimulatedTime.ToSeconds(simulation.Now));
            }

            if (result.End == RunEnd.Idle)
            {
                var waiting = Waiting(simulation, graph, mapping);
                throw new SpiNNakerRunException(
                    $"the cores stalled at {SimulatedTime.ToSeconds(simulation.Now) * 1e3:F3} simulated ms with nothing left to happen; still running: {string.Join(", ", waiting.Take(8))}",
                    0, 0, [], waiting, SimulatedTime.ToSeconds(simulation.Now));
            }
        }
    }

    private static List<string> Waiting(Simulation simulation, BlockedGraph graph, Mapping mapping) =>
        [.. graph.Vertices.Where(v => !simulation.IsDone(mapping.Placements[v])).Select(v => $"core {mapping.Placements[v]} [{v.Label}]")];

    /// <summary>The trained kernels and biases in Keras layout, from replica 0's first tile; every copy must agree bit for bit.</summary>
    private float[][] ReadWeights(MachineSession session, BlockedGraph graph)
    {
        var plan = graph.Plan;
        var result = new float[plan.Layers.Count * 2][];
        for (var l = 0; l < plan.Layers.Count; l++)
        {
            var layer = plan.Layers[l];
            var g = layer.Geometry;
            var kernel = new float[g.KernelWeights];
            var bias = new float[g.Filters];
            if (layer.IsFused)
            {
                ReadFused(session, graph, layer, kernel, bias);
                result[2 * l] = kernel;
                result[(2 * l) + 1] = bias;
                continue;
            }

            for (var r = 0; r < plan.Replicas; r++)
            {
                for (var t = 0; t < layer.Split.Tiles; t++)
                {
                    for (var cb = 0; cb < layer.Split.ChannelBlocks; cb++)
                    {
                        for (var fb = 0; fb < layer.Split.FilterBlocks; fb++)
                        {
                            var vertex = graph.Weight(r, l, t, cb, fb);
                            var values = Values(session.ReadRegion(vertex, RegionIds.Weights), plan.Format);
                            var channels = layer.ChannelBlocks[cb];
                            var filters = layer.FilterBlocks[fb];
                            var at = 0;
                            for (var f = filters.Start; f < filters.End; f++)
                            {
                                for (var k = 0; k < g.Kernel; k++)
                                {
                                    for (var c = channels.Start; c < channels.End; c++)
                                    {
                                        Place(kernel, (((k * g.Channels) + c) * g.Filters) + f, values[at++], r == 0 && t == 0, vertex);
                                    }
                                }
                            }
                        }
                    }

                    for (var group = 0; group < layer.SumGroups.Count; group++)
                    {
                        var vertex = graph.Sum(r, l, t, group);
                        var values = Values(session.ReadRegion(vertex, RegionIds.Weights), plan.Format);
                        var filters = layer.GroupFilters(group);
                        for (var f = 0; f < filters.Count; f++)
                        {
                            Place(bias, filters.Start + f, values[f], r == 0 && t == 0, vertex);
                        }
                    }
                }
            }

            result[2 * l] = kernel;
            result[(2 * l) + 1] = bias;
        }

        return result;
    }

    /// <summary>A fused layer's kernel and bias, from its place in every fused core's trained values (replica 0's first tile first).</summary>
    private static void ReadFused(MachineSession session, BlockedGraph graph, LayerPlan layer, float[] kernel, float[] bias)
    {
        var plan = graph.Plan;
        var g = layer.Geometry;
        var offset = graph.FusedValues(layer.ChainFirst, layer.Position) - g.KernelWeights - g.Filters;
        for (var r = 0; r < plan.Replicas; r++)
        {
            for (var t = 0; t < layer.Split.Tiles; t++)
            {
                var vertex = graph.Weight(r, layer.Position, t, 0, 0);
                var values = Values(session.ReadRegion(vertex, RegionIds.Weights), plan.Format);
                var at = offset;
                for (var f = 0; f < g.Filters; f++)
                {
                    for (var k = 0; k < g.Kernel; k++)
                    {
                        for (var c = 0; c < g.Channels; c++)
                        {
                            Place(kernel, (((k * g.Channels) + c) * g.Filters) + f, values[at++], r == 0 && t == 0, vertex);
                        }
                    }
                }

                for (var f = 0; f < g.Filters; f++)
                {
                    Place(bias, f, values[at++], r == 0 && t == 0, vertex);
                }
            }
        }
    }

    /// <summary>Takes the first copy of a weight; every later copy must equal it bit for bit.</summary>
    private static void Place(float[] target, int index, float value, bool first, BlockVertex vertex)
    {
        if (first)
        {
            target[index] = value;
        }
        else if (BitConverter.SingleToInt32Bits(target[index]) != BitConverter.SingleToInt32Bits(value))
        {
            throw new SpiNNakerRunException(
                $"{vertex.Label} ended with weight {value:R} where replica 0, tile 0 has {target[index]:R}: the copies of a block diverged");
        }
    }

    /// <summary>The predictions of every example (row-major, the model's output length each), from the output cores' SDRAM.</summary>
    private float[] ReadPredictions(MachineSession session, BlockedGraph graph)
    {
        var plan = graph.Plan;
        var last = plan.Last;
        var outputLength = last.Geometry.OutputLength;
        var result = new float[_data.InferenceCount * outputLength];
        for (var r = 0; r < plan.Replicas; r++)
        {
            var schedule = _data.Schedules[r];
            foreach (var vertex in graph.OutputCores(r))
            {
                var tile = last.Tiles[vertex.Tile];
                var filters = last.GroupFilters(vertex.Block);
                var outputs = tile.Count * filters.Count;
                var values = MemoryMarshal.Cast<byte, float>(session.ReadRegion(vertex, RegionIds.Predictions));
                for (var q = 0; q < schedule.Length; q++)
                {
                    var example = schedule[q];
                    for (var p = 0; p < tile.Count; p++)
                    {
                        for (var f = 0; f < filters.Count; f++)
                        {
                            result[(example * outputLength) + ((tile.Start + p) * last.Geometry.Filters) + filters.Start + f] = values[(q * outputs) + (p * filters.Count) + f];
                        }
                    }
                }
            }
        }

        return result;
    }

    private static float[] Values(byte[] bytes, NumberFormat format)
    {
        var words = MemoryMarshal.Cast<byte, int>(bytes);
        var values = new float[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            values[i] = format == NumberFormat.Float ? BitConverter.Int32BitsToSingle(words[i]) : FixedS1615Arithmetic.ToFloat(words[i]);
        }

        return values;
    }
}
