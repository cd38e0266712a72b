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

namespace SpiDnn.Backends.SpiNNaker.Blocked.Host;

/// <summary>
/// One run of the blocked mapping on a simulated machine, end to end: plan the blocks, build
/// the graph, map it with the toolchain (place, route, keys, tables), pace the partitions,
/// generate and load every core's data, run in chunks while watching the routers' drop
/// counters and the output cores' phase reports, then read the weights and predictions back.
/// </summary>
internal sealed class BlockedMachineRun
{
    private readonly Sequential _model;
    private readonly RunData _data;
    private readonly BlockedOptions _options;
    private readonly SpiNNakerMachine _machine;
    private readonly CostModel _cost;
    private readonly SimulationOptions _simulationOptions;
    private readonly IReadOnlyList<Layer> _weightedLayers;

    public BlockedMachineRun(Sequential model, RunData data, BlockedOptions options, SpiNNakerMachine machine, CostModel cost, SimulationOptions simulationOptions)
    {
        _model = model;
        _data = data;
        _options = options;
        _machine = machine;
        _cost = cost;
        _simulationOptions = simulationOptions;
        _weightedLayers = [.. model.Layers.Where(l => l is Dense or Conv1D)];
    }

    /// <summary>Receives each phase's scores as soon as every output core has reported it.</summary>
    public Action<PhaseScore>? PhaseCompleted { get; init; }

    /// <summary>Runs; returns the result.</summary>
    /// <exception cref="SpiNNakerMappingException">The model does not fit the machine.</exception>
    /// <exception cref="SpiNNakerRunException">A packet was dropped, the cores stalled, or a core failed.</exception>
    public BlockedRunResult Execute()
    {
        var setupClock = Stopwatch.StartNew();
        var palette = InputPalette.For(_data.Inputs);
        var planner = new BlockPlanner(_cost, _options);
        var plan = planner.Plan(_model, _data.Training, _machine.ApplicationCoreCount, _data.DataRows, palette.BytesPerValue, _data.BatchSize);
        var graph = BlockedGraph.Build(plan, _data.Training, _data.HasInference);
        var generator = new BlockedDataGenerator(graph, _data, palette, _weightedLayers);
        foreach (var vertex in graph.Vertices)
        {
            var layer = vertex.Layer;
            var dtcm = vertex.Role == BlockRole.Weight
                ? planner.WeightCoreDtcm(layer.Geometry, layer.Split, _data.Training, layer.IsFirst)
                : planner.SumCoreDtcm(layer.Tiles[vertex.Tile].Count * layer.GroupFilters(vertex.Block).Count, layer.GroupFilters(vertex.Block).Count, _data.Training, layer.IsLast);
            vertex.Requirements = new global::SpiNNaker.Toolchain.Resources.ResourceRequirements(Math.Min(dtcm, MemorySizes.DtcmBytes), generator.SdramBytes(vertex));
        }

        Mapping mapping;
        try
        {
            mapping = new Mapper().Map(graph.Graph, _machine);
        }
        catch (MappingException e)
        {
            throw new SpiNNakerMappingException($"the blocked plan ({plan}) does not map onto the machine ({_machine}): {e.Message}", e);
        }

        var pacing = _options.Pacing
            ? PacingPlanner.Plan(graph, v => mapping.Placements[v], _machine, _cost, plan.Format)
            : new Dictionary<PartitionSpec, SendPacing>();
        uint BaseKey(PartitionSpec spec) => mapping.KeysOf(spec.Source, spec.Identifier).FirstKey;

        var simulation = new Simulation(_machine, _cost, _simulationOptions);
        simulation.LoadRoutingTables(mapping.Tables.Tables);
        var applications = new Dictionary<CoreLocation, CoreApplication>();
        foreach (var vertex in graph.Vertices)
        {
            var application = CreateApplication(vertex, plan.Format);
            applications[mapping.Placements[vertex]] = application;
            simulation.LoadApplication(mapping.Placements[vertex], application, generator.Generate(vertex, pacing, BaseKey));
        }

        var reports = new PhaseReports(graph, mapping, _data, PhaseCompleted);
        simulation.HostReceiver = reports.Receive;
        var setupSeconds = setupClock.Elapsed.TotalSeconds;

        var runClock = Stopwatch.StartNew();
        RunToCompletion(simulation, graph, mapping);
        var hostSeconds = runClock.Elapsed.TotalSeconds;
        var statistics = simulation.GetStatistics();
        var finish = simulation.Now;

        // The last phase reports are still on their way to the host.
        simulation.Run(10 * SimulatedTime.Millisecond);
        var phases = _data.Sequences[0].PhaseCount;
        if (reports.Completed.Count != phases)
        {
            throw new SpiNNakerRunException($"the output cores reported {reports.Completed.Count} of the run's {phases} phases");
        }

        var examples = _data.Sequences.Sum(s => s.TotalExamples);
        var trainingExamples = _data.Training ? (long)_data.Epochs * _data.TrainCount : 0;
        return new BlockedRunResult
        {
            Plan = plan,
            Weights = _data.Training ? ReadWeights(simulation, graph, mapping) : null,
            Predictions = _data.Training ? null : ReadPredictions(simulation, graph, mapping),
            Phases = reports.Completed,
            Statistics = new BlockedRunStatistics
            {
                Plan = plan.ToString(),
                Training = _data.Training,
                Examples = examples,
                TrainingExamples = trainingExamples,
                SimulatedSeconds = SimulatedTime.ToSeconds(finish),
                HostSeconds = hostSeconds,
                SetupSeconds = setupSeconds,
                Cores = mapping.Placements.Count,
                Chips = mapping.Placements.ChipCount,
                Totals = statistics.Totals,
                EnergyJoules = statistics.Energy.TotalJoules,
                Events = statistics.EventsProcessed,
                BusiestCores = [.. statistics.Cores.OrderByDescending(c => c.BusyCycles).Take(12).Select(c => new KeyValuePair<string, double>(
                    $"{(mapping.Placements.TryGetVertex(c.Core, out var v) ? v.Label : "?")} @{c.Core} (pacing waits {WaitFraction(applications[c.Core], c.BusyCycles):P0} of busy)",
                    c.BusyCycles * (double)_cost.CoreCyclePicoseconds / Math.Max(1, finish)))],
                PacingWaitCycles = applications.Values.Sum(PacingWait),
            },
        };
    }

    private static long PacingWait(CoreApplication application) => application switch
    {
        BlockCore<float, float, FloatArithmetic> f => f.PacingWaitCycles,
        BlockCore<int, long, FixedS1615Arithmetic> q => q.PacingWaitCycles,
        _ => 0,
    };

    private static double WaitFraction(CoreApplication application, long busy) => busy > 0 ? PacingWait(application) / (double)busy : 0;

    private static CoreApplication CreateApplication(BlockVertex vertex, NumberFormat format) => (vertex.Role, format) switch
    {
        (BlockRole.Weight, NumberFormat.Float) => new WeightCore<float, float, FloatArithmetic>(),
        (BlockRole.Weight, _) => new WeightCore<int, long, FixedS1615Arithmetic>(),
        (BlockRole.Sum, NumberFormat.Float) => new SumCore<float, float, FloatArithmetic>(),
        _ => new SumCore<int, long, FixedS1615Arithmetic>(),
    };

    /// <summary>
    /// Runs in chunks of <see cref="BlockedOptions.CheckIntervalMicroseconds"/>: after each,
    /// a dropped packet stops the run (it would stall the pipeline forever).
    /// </summary>
    private void RunToCompletion(Simulation simulation, BlockedGraph graph, Mapping mapping)
    {
        var chunk = _options.CheckIntervalMicroseconds * SimulatedTime.Microsecond;
        while (true)
        {
            RunOutcome outcome;
            try
            {
                outcome = simulation.RunUntilDone(chunk);
            }
            catch (CoreApplicationException e)
            {
                var name = mapping.Placements.TryGetVertex(e.Core, out var v) ? v.Label : e.Core.ToString();
                throw new SpiNNakerRunException($"core {e.Core} ({name}) failed at {SimulatedTime.ToSeconds(simulation.Now) * 1e3:F3} simulated ms: {e.InnerException?.Message ?? e.Message}", e);
            }

            var statistics = simulation.GetStatistics();
            if (statistics.Totals.Dropped > 0 || statistics.Totals.Lost > 0)
            {
                var routers = statistics.Routers.Where(r => r.Dropped > 0 || r.Lost > 0)
                    .Select(r => $"chip {r.Chip}: {r.Dropped} dropped, {r.Lost} lost");
                throw new SpiNNakerRunException(
                    $"the routers dropped {statistics.Totals.Dropped} packet(s) ({statistics.Totals.Lost} lost for good) by {SimulatedTime.ToSeconds(simulation.Now) * 1e3:F3} simulated ms " +
                    $"({string.Join("; ", routers)}); a lost packet would stall the pipeline, so the run stops. " +
                    $"Pacing is {(_options.Pacing ? "on" : "off")}, reinjection {(_simulationOptions.Reinjection ? "on" : "off")}, wait1 {_simulationOptions.EffectiveWait1Cycles} router cycles.");
            }

            if (outcome == RunOutcome.AllCoresDone)
            {
                return;
            }

            if (outcome == RunOutcome.Idle)
            {
                var waiting = graph.Vertices.Where(v => !simulation.IsDone(mapping.Placements[v])).Take(8).Select(v => v.Label);
                throw new SpiNNakerRunException(
                    $"the cores stalled at {SimulatedTime.ToSeconds(simulation.Now) * 1e3:F3} simulated ms with nothing left to happen; still waiting: {string.Join(", ", waiting)}");
            }
        }
    }

    /// <summary>The trained kernels and biases in Keras layout, from replica 0's first tile; every copy must agree bit for bit.</summary>
    private float[][] ReadWeights(Simulation simulation, BlockedGraph graph, Mapping mapping)
    {
        var plan = graph.Plan;
        var result = new float[plan.Layers.Count * 2][];
        for (var l = 0; l < plan.Layers.Count; l++)
        {
            var layer = plan.Layers[l];
            var g = layer.Geometry;
            var kernel = new float[g.KernelWeights];
            var bias = new float[g.Filters];
            for (var r = 0; r < plan.Replicas; r++)
            {
                for (var t = 0; t < layer.Split.Tiles; t++)
                {
                    for (var cb = 0; cb < layer.Split.ChannelBlocks; cb++)
                    {
                        for (var fb = 0; fb < layer.Split.FilterBlocks; fb++)
                        {
                            var vertex = graph.Weight(r, l, t, cb, fb);
                            var values = Values(simulation.ReadSdramRegion(mapping.Placements[vertex], RegionIds.Weights), plan.Format);
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
                        var values = Values(simulation.ReadSdramRegion(mapping.Placements[vertex], RegionIds.Weights), plan.Format);
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

        static void Place(float[] target, int index, float value, bool first, BlockVertex vertex)
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
    }

    /// <summary>The predictions of every example (row-major, the model's output length each), from the output cores' SDRAM.</summary>
    private float[] ReadPredictions(Simulation simulation, BlockedGraph graph, Mapping mapping)
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
                var values = MemoryMarshal.Cast<byte, float>(simulation.ReadSdramRegion(mapping.Placements[vertex], RegionIds.Predictions));
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
