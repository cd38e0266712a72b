using SpiDnn.Layers;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// Resource-aware sizing (docs/mapping-blocked.md, section 3): gives each layer about
/// <c>its cycles per example / target</c> weight cores (never fewer than its weights need in
/// DTCM, never more than the machine holds), factors that count into tiles x channel blocks x
/// filter blocks with the fewest packets per example, and groups filter blocks into sum cores;
/// then fuses (BlockPlanner.Fusion.cs).
/// </summary>
internal sealed partial class BlockPlanner
{
    /// <summary>Headroom on a weight core's estimated cycles for waiting on its TDMA send slots.</summary>
    private const double PacingMargin = 1.3;

    /// <summary>Packet receive cost assumed per value when sizing: interrupt, handler and the pacing margin (PacingPlanner.ServiceMargin).</summary>
    private const int ReceiveCycles = 240;

    private readonly CostModel _cost;
    private readonly BlockedOptions _options;
    private readonly NumberFormat _format;

    public BlockPlanner(CostModel cost, BlockedOptions options, NumberFormat format, int coresPerChip)
    {
        _cost = cost;
        _options = options;
        _format = format;
        CoresPerChip = coresPerChip;
    }

    /// <summary>Application cores of the fullest chip (17 on a SpiN-5 board, 16 with reinjectors): the most a sum core and its weight cores may take together on one chip.</summary>
    public int CoresPerChip { get; }

    /// <summary>Usable DTCM per core for the application's arrays.</summary>
    public int DtcmBudget => MemorySizes.DtcmBytes - _cost.DtcmReservedBytes - 1_024;

    /// <summary>
    /// Plans <paramref name="model"/> for <paramref name="applicationCores"/> cores.
    /// <paramref name="dataRows"/> and <paramref name="inputBytes"/> describe the first layer's
    /// preloaded rows (they bound its filter blocks through <see cref="BlockedOptions.MaxInputCopyBytes"/>).
    /// </summary>
    /// <exception cref="SpiNNakerMappingException">A layer or the model does not fit the machine; the message says which and by how much.</exception>
    public NetworkPlan Plan(Sequential model, bool training, int applicationCores, long dataRows, int inputBytes, int batchSize)
    {
        var geometries = new List<(int LayerIndex, LayerGeometry Geometry)>();
        var layers = model.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            switch (layers[i])
            {
                case Dense dense:
                    geometries.Add((i, LayerGeometry.FromDense(i, dense)));
                    break;
                case Conv1D conv:
                    geometries.Add((i, LayerGeometry.FromConv1D(i, conv)));
                    break;
                case Flatten:
                    break;
                default:
                    throw new SpiNNakerMappingException($"the blocked mapping has no cores for layer '{layers[i].Name}' ({layers[i].TypeName})");
            }
        }

        if (geometries.Count == 0)
        {
            throw new SpiNNakerMappingException("the blocked mapping needs at least one Dense or Conv1D layer; the model has none");
        }

        var flattenedOutput = layers[^1] is Flatten;
        var last = geometries[^1].Geometry;
        var rowsPerExample = flattenedOutput ? 1 : last.OutSteps;
        var lossWidth = flattenedOutput ? last.OutputLength : last.Filters;
        var perReplica = applicationCores / _options.Replicas;
        var rate = training ? _options.TrainingExamplesPerSecond : _options.InferenceExamplesPerSecond;
        var target = (long)Math.Max(1_000, _cost.CoreClockHz / rate);
        var shape = new ModelShape([.. geometries.Select(g => g.Geometry)], flattenedOutput, training, dataRows, inputBytes, batchSize);
        var fixedSegments = FixedSegments(geometries, shape);

        // Raise the target until the whole plan fits the cores of one replica.
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var plans = new List<LayerPlan>();
            foreach (var segment in Segments(shape, fixedSegments, target))
            {
                for (var j = segment.First; j <= segment.Last; j++)
                {
                    plans.Add(new LayerPlan(shape.Layers[j], segment.Split, j == 0, j == shape.Layers.Count - 1, j,
                        segment.Split.Fused ? segment.First : j, segment.Split.Fused ? segment.Last : j));
                }
            }

            // Sum-core groups: a sum core also takes the partial errors of its outputs from every
            // next-layer core reading them, so the group size depends on the next layer.
            for (var j = 0; j + 1 < plans.Count; j++)
            {
                var layer = plans[j];
                if (fixedSegments.ContainsKey(j) || !training || layer.NeedsWholeRows || layer.IsFused)
                {
                    continue;
                }

                var grouped = layer.Split with { FilterBlocksPerSumCore = GroupSize(layer.Geometry, layer.Split, target, ErrorsPerOutput(plans[j + 1])) };
                plans[j] = layer.With(grouped);
            }

            var plan = new NetworkPlan(plans, _options.Slots, _options.Replicas, _format, model.Loss ?? Loss.MeanSquaredError, rowsPerExample, lossWidth, layers[^1].Activation);
            var cores = plan.CoresPerReplica;
            if (cores <= perReplica)
            {
                return plan;
            }

            if (_options.Splits is not null || _options.Chains is not null || attempt == 63)
            {
                throw new SpiNNakerMappingException(
                    $"the blocked plan needs {cores} cores per replica ({plan}) but the machine offers {perReplica} per replica " +
                    $"({applicationCores} application cores, {_options.Replicas} replicas)");
            }

            target = target * 5 / 4;
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The partial errors each output of a layer receives back from <paramref name="next"/> (per filter block and tile reading it).</summary>
    private static double ErrorsPerOutput(LayerPlan next) => ErrorsPerOutput(next.Geometry, next.Split);

    private static double ErrorsPerOutput(LayerGeometry next, LayerSplit split)
    {
        var tiles = IndexRange.Split(next.OutSteps, split.Tiles);
        var readers = 0.0;
        for (var q = 0; q < next.InSteps; q++)
        {
            foreach (var tile in tiles)
            {
                for (var k = 0; k < next.Kernel; k++)
                {
                    var numerator = q + next.PadBefore - k;
                    if (numerator >= 0 && numerator % next.Stride == 0 && tile.Contains(numerator / next.Stride))
                    {
                        readers++;
                        break;
                    }
                }
            }
        }

        return split.FilterBlocks * readers / next.InSteps;
    }

    /// <summary>The DTCM bytes of a weight core of <paramref name="split"/> (its largest block).</summary>
    public int WeightCoreDtcm(LayerGeometry g, LayerSplit split, bool training, bool first)
    {
        var tile = Ceil(g.OutSteps, split.Tiles);
        var channels = Ceil(g.Channels, split.ChannelBlocks);
        var filters = Ceil(g.Filters, split.FilterBlocks);
        var windowRows = Math.Min(g.InSteps, ((tile - 1) * g.Stride) + g.Kernel);
        var accBytes = _format == NumberFormat.Float ? 4 : 8;
        long weights = (long)g.Kernel * channels * filters;
        var rowValues = (long)windowRows * channels;
        var bytes = (weights * 4) + (training ? weights * accBytes : 0)
            + (_options.Slots * ((rowValues + (tile * filters)) * 4))
            + (tile * filters * accBytes)
            + (training && !first ? rowValues * accBytes : 0)
            + (first ? rowValues + (256 * 4) : rowValues * 2) // the first layer's row buffer and palette, or the input key map
            + (tile * filters * 4) // partial sums waiting for their slots
            + (tile * g.Kernel * 4)
            + 2_048; // key tables, counters, ring
        return (int)Math.Min(int.MaxValue, bytes);
    }

    /// <summary>The DTCM bytes of a sum core with <paramref name="outputs"/> outputs of <paramref name="filters"/> filters.</summary>
    public int SumCoreDtcm(int outputs, int filters, bool training, bool outputLayer)
    {
        var accBytes = _format == NumberFormat.Float ? 4 : 8;
        long bytes = (filters * (4 + accBytes)) + (_options.Slots * outputs * 4 * (training && !outputLayer ? 3 : 2)) + (outputs * 4)
            + (outputLayer ? outputs * 12 : 0) + (outputs * 4) + 1_024;
        return (int)Math.Min(int.MaxValue, bytes);
    }

    private LayerSplit Check(LayerGeometry g, LayerSplit split, bool first, bool last, bool flattened, bool training)
    {
        if (split.Tiles < 1 || split.Tiles > g.OutSteps || split.ChannelBlocks < 1 || split.ChannelBlocks > g.Channels
            || split.FilterBlocks < 1 || split.FilterBlocks > g.Filters || split.FilterBlocksPerSumCore < 1)
        {
            throw new SpiNNakerMappingException(
                $"layer {g.Name}: the forced split ({split}) must have 1-{g.OutSteps} tiles, 1-{g.Channels} channel blocks, 1-{g.Filters} filter blocks and at least 1 filter block per sum core");
        }

        if (NeedsWholeRows(g, last) && split.FilterBlocksPerSumCore < split.FilterBlocks)
        {
            throw new SpiNNakerMappingException(
                $"layer {g.Name}: softmax and output layers need each sum core to hold whole rows; the forced split ({split}) gives a sum core {split.FilterBlocksPerSumCore} of {split.FilterBlocks} filter blocks");
        }

        if (last && flattened && split.Tiles != 1)
        {
            throw new SpiNNakerMappingException($"layer {g.Name}: a flattened output is one loss row, so the layer needs 1 tile; the forced split has {split.Tiles}");
        }

        CheckFits(g, split, training, first, last);
        return split;
    }

    private void CheckFits(LayerGeometry g, LayerSplit split, bool training, bool first, bool last)
    {
        var weightBytes = WeightCoreDtcm(g, split, training, first);
        if (weightBytes > DtcmBudget)
        {
            throw new SpiNNakerMappingException(
                $"layer {g.Name}: a weight core of {split} needs {weightBytes:N0} bytes of DTCM; a core has {DtcmBudget:N0}");
        }

        var groupFilters = Math.Min(g.Filters, Ceil(g.Filters, split.FilterBlocks) * split.FilterBlocksPerSumCore);
        var sumBytes = SumCoreDtcm(Ceil(g.OutSteps, split.Tiles) * groupFilters, groupFilters, training, last);
        if (sumBytes > DtcmBudget)
        {
            throw new SpiNNakerMappingException(
                $"layer {g.Name}: a sum core of {split} needs {sumBytes:N0} bytes of DTCM; a core has {DtcmBudget:N0} (use fewer slots or more tiles)");
        }
    }

    private static bool NeedsWholeRows(LayerGeometry g, bool last) => last || g.Activation == Activation.Softmax;

    private LayerSplit Choose(ModelShape shape, int j, long target)
    {
        var g = shape.Layers[j];
        var first = j == 0;
        var last = j == shape.Layers.Count - 1;
        var flattened = shape.FlattenedOutput;
        var training = shape.Training;
        var dataRows = shape.DataRows;
        var inputBytes = shape.InputBytes;
        var batchSize = shape.BatchSize;
        var mac = _cost.Arithmetic(_format).MultiplyAccumulate + Cores.HandlerCosts.LoopStep;
        var passes = training ? (first ? 2 : 3) : 1;
        var cycles = (double)g.ForwardMacs * mac * passes;
        var accBytes = _format == NumberFormat.Float ? 4 : 8;
        var byDtcm = (int)Math.Ceiling(g.KernelWeights * (4.0 + (training ? accBytes : 0)) / (DtcmBudget * 0.7));
        var wanted = Math.Max(byDtcm, Math.Max(1, (int)Math.Ceiling(cycles / target)));
        var maxTiles = last && flattened ? 1 : g.OutSteps;
        var maxCopies = first ? Math.Max(1, (int)Math.Min(int.MaxValue, _options.MaxInputCopyBytes / Math.Max(1, dataRows * g.InputLength * inputBytes * _options.Replicas))) : int.MaxValue;

        // The fewest cores whose busiest core meets the target (with a margin for pacing waits),
        // then the fewest packets among splits with at most a quarter more cores.
        var candidates = new List<(LayerSplit Split, int Cores, double Busiest, double Packets)>();
        var limit = (3 * wanted) + 2;
        for (var tiles = 1; tiles <= maxTiles && tiles <= limit; tiles++)
        {
            for (var cb = 1; cb <= g.Channels && tiles * cb <= limit; cb++)
            {
                for (var fb = 1; fb <= Math.Min(g.Filters, maxCopies) && tiles * cb * fb <= limit; fb++)
                {
                    var split = new LayerSplit(tiles, cb, fb, 1);
                    if (tiles * cb * fb < byDtcm || WeightCoreDtcm(g, split, training, first) > DtcmBudget)
                    {
                        continue;
                    }

                    var busiest = BusiestWeightCoreCycles(g, split, first, training, mac) * PacingMargin;
                    candidates.Add((split, tiles * cb * fb, busiest, PacketsPerExample(g, split, first, training, batchSize)));
                }
            }
        }

        LayerSplit? best = null;
        var feasible = candidates.Where(c => c.Busiest <= target).ToList();
        if (feasible.Count > 0)
        {
            var fewest = feasible.Min(c => c.Cores);
            best = feasible.Where(c => c.Cores <= Math.Max(fewest * 5 / 4, fewest + 1))
                .OrderBy(c => c.Packets).ThenBy(c => c.Cores).First().Split;
        }
        else if (candidates.Count > 0)
        {
            best = candidates.OrderBy(c => c.Busiest).ThenBy(c => c.Packets).First().Split;
        }

        if (best is null)
        {
            throw new SpiNNakerMappingException(
                $"layer {g.Name} ({g.KernelWeights:N0} kernel weights): no split into at most {limit} weight cores fits a core's {DtcmBudget:N0} bytes of DTCM");
        }

        var perSum = NeedsWholeRows(g, last) ? best.FilterBlocks : GroupSize(g, best, target, 0);
        var chosen = best with { FilterBlocksPerSumCore = perSum };
        CheckFits(g, chosen, training, first, last);
        return chosen;
    }

    /// <summary>
    /// Filter blocks per sum core: as many as keep the sum core under half the target (its
    /// partial sums, and <paramref name="errorsPerOutput"/> partial errors per output coming
    /// back) and its group (weight cores plus itself) on one chip.
    /// </summary>
    private int GroupSize(LayerGeometry g, LayerSplit split, long target, double errorsPerOutput)
    {
        var tile = Ceil(g.OutSteps, split.Tiles);
        var filters = Ceil(g.Filters, split.FilterBlocks);
        var best = 1;
        for (var group = 1; group <= split.FilterBlocks; group++)
        {
            var outputs = tile * filters * group;
            var load = outputs * (split.ChannelBlocks + errorsPerOutput) * ReceiveCycles;
            var fitsChip = split.ChannelBlocks > CoresPerChip - 1 || (split.ChannelBlocks * group) + 1 <= CoresPerChip;
            var dtcm = SumCoreDtcm(outputs, filters * group, true, false) <= DtcmBudget;
            if (load <= target / 2 && fitsChip && dtcm)
            {
                best = group;
            }
        }

        return best;
    }

    /// <summary>The simulated cycles per training example of the layer's busiest weight core under <paramref name="split"/>.</summary>
    private double BusiestWeightCoreCycles(LayerGeometry g, LayerSplit split, bool first, bool training, int mac)
    {
        var tile = Ceil(g.OutSteps, split.Tiles);
        var channels = Ceil(g.Channels, split.ChannelBlocks);
        var filters = Ceil(g.Filters, split.FilterBlocks);
        var windowRows = Math.Min(g.InSteps, ((tile - 1) * g.Stride) + g.Kernel);
        var macs = (double)tile * g.Kernel * channels * filters;
        var passes = training ? (first ? 2 : 3) : 1;
        var receive = first ? windowRows * channels * 0.5 * _cost.SdramWordAccessCycles : windowRows * channels * ReceiveCycles;
        var sends = tile * filters * _cost.SendPacketCycles;
        var backward = training ? (tile * filters * ReceiveCycles) + (first ? 0 : windowRows * channels * _cost.SendPacketCycles) : 0;
        return (macs * mac * passes) + receive + sends + backward;
    }

    /// <summary>
    /// Packets sent per example: partial sums, errors, the first layer's input copies as a
    /// memory price, and for conv tiles and replicas the batch-end reduction.
    /// </summary>
    private double PacketsPerExample(LayerGeometry g, LayerSplit split, bool first, bool training, int batchSize)
    {
        double packets = (double)g.OutputLength * split.ChannelBlocks;
        if (training && !first)
        {
            var tile = Ceil(g.OutSteps, split.Tiles);
            var windowRows = Math.Min(g.InSteps, ((tile - 1) * g.Stride) + g.Kernel);
            packets += (double)split.Tiles * windowRows * g.Channels * split.FilterBlocks;
        }

        if (training)
        {
            var members = split.Tiles * _options.Replicas;
            if (members > 1)
            {
                packets += (double)members * g.KernelWeights / Math.Max(1, batchSize);
            }
        }

        if (first)
        {
            // Fewer copies of the inputs is better when the packets are equal.
            packets += split.FilterBlocks * 1e-3;
        }

        return packets;
    }

    private static int Ceil(int a, int b) => (a + b - 1) / b;

    /// <summary>What the planner needs of the model and the run.</summary>
    /// <param name="Layers">The weighted layers as convolutions.</param>
    /// <param name="FlattenedOutput">Whether the model ends with a Flatten (one loss row).</param>
    /// <param name="Training">Whether the run trains.</param>
    /// <param name="DataRows">The first layer's preloaded rows.</param>
    /// <param name="InputBytes">Bytes per preloaded input value.</param>
    /// <param name="BatchSize">Examples per batch.</param>
    internal sealed record ModelShape(IReadOnlyList<LayerGeometry> Layers, bool FlattenedOutput, bool Training, long DataRows, int InputBytes, int BatchSize);
}
