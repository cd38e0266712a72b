using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// Fusion (docs/mapping-blocked.md, section 3, step 4): of the cuts of the model into split
/// layers, layers in fused tiles and chains of layers in one fused core, the planner takes the
/// one with the fewest cores whose fused cores fit DTCM and meet the throughput target.
/// </summary>
internal sealed partial class BlockPlanner
{
    /// <summary>
    /// The segments of the plan at <paramref name="target"/> cycles per example and core: the
    /// forced ones as given, the rest chosen for the fewest cores (then the fewest packets)
    /// among a split layer, a fused layer (one core per tile) and a fused chain of layers
    /// (one core), each of which must fit a core's DTCM and, fused, meet the target.
    /// </summary>
    private List<Segment> Segments(ModelShape shape, Dictionary<int, Segment> fixedSegments, long target)
    {
        var n = shape.Layers.Count;
        var split = new LayerSplit?[n];
        for (var j = 0; j < n; j++)
        {
            if (!fixedSegments.ContainsKey(j))
            {
                split[j] = Choose(shape, j, target);
            }
        }

        // The split of every layer planned alone (forced ones as forced), for the errors each output gets back.
        var alone = new LayerSplit[n];
        for (var j = 0; j < n; j++)
        {
            alone[j] = split[j] ?? fixedSegments.Values.First(s => s.First <= j && j <= s.Last).Split;
        }

        double ErrorsInto(int j) => j + 1 < n ? ErrorsPerOutput(shape.Layers[j + 1], alone[j + 1]) : 0;

        var best = new (long Cores, double Packets, int From, Segment? Segment)[n + 1];
        for (var end = 1; end <= n; end++)
        {
            best[end] = (long.MaxValue, double.MaxValue, -1, null);
            for (var first = end - 1; first >= 0; first--)
            {
                if (best[first].Cores == long.MaxValue)
                {
                    continue;
                }

                foreach (var option in Options(shape, fixedSegments, split, first, end - 1, target, ErrorsInto(end - 1)))
                {
                    var cores = best[first].Cores + option.Cores;
                    var packets = best[first].Packets + option.Packets;
                    if (cores < best[end].Cores || (cores == best[end].Cores && packets < best[end].Packets - 1e-9))
                    {
                        best[end] = (cores, packets, first, option.Segment);
                    }
                }
            }
        }

        var segments = new List<Segment>();
        for (var end = n; end > 0; end = best[end].From)
        {
            segments.Add(best[end].Segment!);
        }

        segments.Reverse();
        return segments;
    }

    /// <summary>The ways to plan layers <paramref name="first"/>-<paramref name="last"/> as one segment, with their cores and packets per example.</summary>
    private IEnumerable<(Segment Segment, long Cores, double Packets)> Options(
        ModelShape shape, Dictionary<int, Segment> fixedSegments, LayerSplit?[] split, int first, int last, long target, double errorsInto)
    {
        if (fixedSegments.TryGetValue(first, out var forced))
        {
            if (forced.Last == last)
            {
                yield return (forced, SegmentCores(shape, forced), SegmentPackets(shape, forced));
            }

            yield break;
        }

        for (var j = first; j <= last; j++)
        {
            if (fixedSegments.ContainsKey(j))
            {
                yield break; // a free segment cannot take a forced layer
            }
        }

        if (first == last)
        {
            var alone = new Segment(first, last, split[first]!);
            yield return (alone, SegmentCores(shape, alone), SegmentPackets(shape, alone));
        }

        if (!_options.Fusion)
        {
            yield break;
        }

        var g = shape.Layers[first];
        var maxTiles = first != last || (last == shape.Layers.Count - 1 && shape.FlattenedOutput) ? 1 : g.OutSteps;
        for (var tiles = 1; tiles <= maxTiles; tiles++)
        {
            var fused = new Segment(first, last, LayerSplit.FusedTiles(tiles));
            if (FusedCoreDtcm(shape, first, last, tiles) <= DtcmBudget && FusedCoreCycles(shape, first, last, tiles, errorsInto) <= target)
            {
                yield return (fused, tiles, SegmentPackets(shape, fused));
                yield break;
            }
        }
    }

    private static long SegmentCores(ModelShape shape, Segment segment) =>
        segment.Split.Fused ? segment.Split.Tiles : segment.Split.WeightCores + segment.Split.SumCores;

    /// <summary>
    /// Packets per example a segment sends (the outputs to the next segment aside): partial
    /// sums and deltas of a split layer, input errors, and the batch-end combination of conv
    /// tiles and replicas.
    /// </summary>
    private double SegmentPackets(ModelShape shape, Segment segment)
    {
        var g = shape.Layers[segment.First];
        var split = segment.Split;
        if (!split.Fused)
        {
            return PacketsPerExample(g, split, segment.First == 0, shape.Training, shape.BatchSize)
                + (shape.Training ? (double)g.OutputLength * split.ChannelBlocks : 0);
        }

        double packets = 0;
        if (shape.Training)
        {
            if (segment.First > 0)
            {
                var tile = Ceil(g.OutSteps, split.Tiles);
                packets += (double)split.Tiles * Math.Min(g.InSteps, ((tile - 1) * g.Stride) + g.Kernel) * g.Channels;
            }

            var members = split.Tiles * _options.Replicas;
            if (members > 1)
            {
                packets += (double)members * FusedValues(shape, segment.First, segment.Last) / Math.Max(1, shape.BatchSize);
            }
        }

        return packets;
    }

    /// <summary>The kernel weights and biases of layers <paramref name="first"/>-<paramref name="last"/> (what their fused core trains).</summary>
    private static long FusedValues(ModelShape shape, int first, int last)
    {
        long values = 0;
        for (var j = first; j <= last; j++)
        {
            values += shape.Layers[j].KernelWeights + shape.Layers[j].Filters;
        }

        return values;
    }

    /// <summary>
    /// The simulated cycles per example of the busiest fused core of layers
    /// <paramref name="first"/>-<paramref name="last"/> in <paramref name="tiles"/> tiles: every
    /// layer's products (forward; in training also the gradient, and the input errors unless
    /// the chain reads the model's input), bias, activation and its derivative, receiving the
    /// inputs (SDRAM reads in the first layer) and the errors of its outputs, sending its
    /// outputs and input errors, scoring in the output layer; with the pacing margin.
    /// </summary>
    public double FusedCoreCycles(ModelShape shape, int first, int last, int tiles, double errorsPerOutput)
    {
        var costs = _cost.Arithmetic(_format);
        var mac = costs.MultiplyAccumulate + Cores.HandlerCosts.LoopStep;
        var training = shape.Training;
        double cycles = 0;
        var outputs = 0;
        for (var j = first; j <= last; j++)
        {
            var g = shape.Layers[j];
            var tile = j == first ? Ceil(g.OutSteps, tiles) : g.OutSteps;
            var passes = training ? (j == 0 ? 2 : 3) : 1;
            cycles += (double)tile * g.Kernel * g.Channels * g.Filters * mac * passes;
            outputs = tile * g.Filters;
            cycles += (outputs * (costs.Add + Cores.HandlerCosts.LoopStep)) + Cores.ActivationCycles.Forward(g.Activation, outputs, costs);
            if (training)
            {
                cycles += (outputs * costs.Add) + Cores.ActivationCycles.Backward(g.Activation, outputs, costs);
            }
        }

        var head = shape.Layers[first];
        var headTile = Ceil(head.OutSteps, tiles);
        var rowValues = (double)Math.Min(head.InSteps, ((headTile - 1) * head.Stride) + head.Kernel) * head.Channels;
        cycles += first == 0 ? rowValues * 0.5 * _cost.SdramWordAccessCycles : rowValues * ReceiveCycles;
        cycles += training && first > 0 ? rowValues * _cost.SendPacketCycles : 0;
        if (last + 1 < shape.Layers.Count)
        {
            cycles += outputs * _cost.SendPacketCycles;
            cycles += training ? outputs * errorsPerOutput * ReceiveCycles : 0;
        }
        else
        {
            cycles += outputs * (costs.Log + (2 * costs.Add) + costs.Compare + costs.Convert);
            cycles += training ? outputs * (costs.Add + costs.Multiply + costs.Convert + costs.Divide) : 0;
        }

        return cycles * PacingMargin;
    }

    /// <summary>
    /// The DTCM bytes of the busiest fused core of layers <paramref name="first"/>-<paramref name="last"/>
    /// in <paramref name="tiles"/> tiles: the arrays the core allocates (Graph/CoreMemory.cs
    /// gives the exact figure once the partitions exist) plus room for its key tables.
    /// </summary>
    public int FusedCoreDtcm(ModelShape shape, int first, int last, int tiles)
    {
        var n = shape.Layers.Count;
        var training = shape.Training;
        var accBytes = _format == NumberFormat.Float ? 4L : 8L;
        var slots = (long)_options.Slots;
        var values = FusedValues(shape, first, last);
        var head = shape.Layers[first];
        var headTile = Ceil(head.OutSteps, tiles);
        var rowValues = (long)Math.Min(head.InSteps, ((headTile - 1) * head.Stride) + head.Kernel) * head.Channels;
        long outputs = 0, maxOutputs = 0, lastOutputs = 0, taps = 0, maxErrors = training && first > 0 ? rowValues : 0;
        for (var j = first; j <= last; j++)
        {
            var g = shape.Layers[j];
            var tile = j == first ? headTile : g.OutSteps;
            lastOutputs = (long)tile * g.Filters;
            outputs += lastOutputs;
            maxOutputs = Math.Max(maxOutputs, lastOutputs);
            taps += (long)tile * g.Kernel;
            if (j > first)
            {
                maxErrors = Math.Max(maxErrors, g.InputLength);
            }
        }

        var isLast = last == n - 1;
        var links = training ? 2 : 1; // the key maps of the outputs/inputs, and of the errors back
        var bytes = (values * 4) + (training ? values * accBytes : 0) + (16L * (last - first + 1)) + (taps * 4)
            + (slots * rowValues * 4) + (slots * outputs * 4) + (training && !isLast ? slots * lastOutputs * 4 : 0)
            + (training ? (2 * maxOutputs * 4) + (maxErrors * accBytes) : 0) + (training && first > 0 ? rowValues * 4 : 0)
            + (13 * slots) + (isLast ? (slots * 4) + (3 * lastOutputs * 4) : 0)
            + (first == 0 ? (rowValues * shape.InputBytes) + 64 + (256 * 4) : rowValues * 2 * links)
            + (isLast ? 0 : lastOutputs * 2 * links)
            + 2_048; // key tables, counters, ring
        return (int)Math.Min(int.MaxValue, bytes);
    }

    /// <summary>The forced chains and forced splits as fixed segments, by their first layer's plan position (each checked).</summary>
    private Dictionary<int, Segment> FixedSegments(List<(int LayerIndex, LayerGeometry Geometry)> geometries, ModelShape shape)
    {
        var positionOf = new Dictionary<int, int>();
        for (var j = 0; j < geometries.Count; j++)
        {
            positionOf[geometries[j].LayerIndex] = j;
        }

        var segments = new Dictionary<int, Segment>();
        var taken = new HashSet<int>();
        foreach (var chain in _options.Chains ?? [])
        {
            if (chain.First > chain.Last || !positionOf.TryGetValue(chain.First, out var first) || !positionOf.TryGetValue(chain.Last, out var last))
            {
                throw new SpiNNakerMappingException(
                    $"the forced chain {chain} must run from a Dense or Conv1D layer to a later or the same one; the model's weighted layers are {string.Join(", ", positionOf.Keys)}");
            }

            for (var j = first; j <= last; j++)
            {
                if (!taken.Add(j) || (_options.Splits?.ContainsKey(geometries[j].LayerIndex) ?? false))
                {
                    throw new SpiNNakerMappingException($"the forced chain {chain} overlaps another chain or a forced split at layer {geometries[j].Geometry.Name}");
                }
            }

            var segment = new Segment(first, last, LayerSplit.FusedTiles(1));
            CheckFusedFits(shape, segment);
            segments[first] = segment;
        }

        foreach (var (index, split) in _options.Splits ?? new Dictionary<int, LayerSplit>())
        {
            if (!positionOf.TryGetValue(index, out var j))
            {
                throw new SpiNNakerMappingException(
                    $"a forced split names layer {index}, which is not a Dense or Conv1D layer of the model (those are {string.Join(", ", positionOf.Keys)})");
            }

            var g = shape.Layers[j];
            var isLast = j == shape.Layers.Count - 1;
            if (split.Fused)
            {
                if (split.ChannelBlocks != 1 || split.FilterBlocks != 1 || split.FilterBlocksPerSumCore != 1 || split.Tiles < 1 || split.Tiles > g.OutSteps
                    || (isLast && shape.FlattenedOutput && split.Tiles != 1))
                {
                    throw new SpiNNakerMappingException(
                        $"layer {g.Name}: a forced fused split ({split}) needs 1 channel block, 1 filter block and 1-{(isLast && shape.FlattenedOutput ? 1 : g.OutSteps)} tiles");
                }

                var segment = new Segment(j, j, split);
                CheckFusedFits(shape, segment);
                segments[j] = segment;
            }
            else
            {
                segments[j] = new Segment(j, j, Check(g, split, j == 0, isLast, shape.FlattenedOutput, shape.Training));
            }
        }

        return segments;
    }

    private void CheckFusedFits(ModelShape shape, Segment segment)
    {
        var bytes = FusedCoreDtcm(shape, segment.First, segment.Last, segment.Split.Tiles);
        if (bytes > DtcmBudget)
        {
            var names = segment.First == segment.Last
                ? $"layer {shape.Layers[segment.First].Name}"
                : $"the chain {shape.Layers[segment.First].Name}-{shape.Layers[segment.Last].Name}";
            throw new SpiNNakerMappingException(
                $"{names}: a fused core ({segment.Split}) needs {bytes:N0} bytes of DTCM; a core has {DtcmBudget:N0} (use fewer slots, more tiles or a split)");
        }
    }

    /// <summary>Layers <paramref name="First"/>-<paramref name="Last"/> (plan positions) planned together: one layer with its split, or a fused chain.</summary>
    private sealed record Segment(int First, int Last, LayerSplit Split);
}
