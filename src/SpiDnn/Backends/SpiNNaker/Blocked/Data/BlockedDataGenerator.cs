using System.Buffers.Binary;
using SpiDnn.Backends.SpiNNaker.Blocked.Graph;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// Writes every core's SDRAM regions (docs/mapping-blocked.md, "SDRAM layouts") once keys,
/// placements and pacing are known: parameters and key tables, the weight or bias block,
/// and for the first and last layers the preloaded inputs, the sequence's data rows, the
/// labels and the prediction area.
/// </summary>
internal sealed class BlockedDataGenerator
{
    private readonly BlockedGraph _graph;
    private readonly RunData _data;
    private readonly IReadOnlyList<Layers.Layer> _weightedLayers;
    private readonly InputPalette _palette;
    private readonly Func<float, uint> _toPayload;

    public BlockedDataGenerator(BlockedGraph graph, RunData data, InputPalette palette, IReadOnlyList<Layers.Layer> weightedLayers)
    {
        _graph = graph;
        _data = data;
        _weightedLayers = weightedLayers;
        _palette = palette;
        _toPayload = graph.Plan.Format == NumberFormat.Float
            ? BitConverter.SingleToUInt32Bits
            : v => unchecked((uint)Arithmetic.FixedS1615Arithmetic.FromFloat(v));
    }

    /// <summary>The SDRAM bytes <paramref name="vertex"/> needs (for placement, before keys exist).</summary>
    public long SdramBytes(BlockVertex vertex)
    {
        var layer = vertex.Layer;
        // Parameters: at most 64 header words, the palette, and the key tables (5 words per incoming
        // partition plus its map, 12 per outgoing partition plus its sources).
        long bytes = 4L * (64 + (layer.IsFirst ? _palette.Values.Length : 0)
            + _graph.IncomingOf(vertex).Sum(p => 5L + (p.Map?.Length ?? 0))
            + _graph.OutgoingOf(vertex).Sum(p => 12L + p.Count));
        if (vertex.Role == BlockRole.Fused)
        {
            bytes += _graph.FusedValues(layer.Position, vertex.LastLayer.Position) * 4L;
            if (layer.IsFirst)
            {
                bytes += (long)_data.DataRows * RowValues(vertex) * _palette.BytesPerValue;
            }

            if (layer.IsFirst || (vertex.LastLayer.IsLast && _data.Labels is not null))
            {
                bytes += (long)_data.Schedules[vertex.Replica].Length * _data.ScheduleBytes;
            }

            if (vertex.LastLayer.IsLast)
            {
                var last = vertex.LastLayer;
                var outputs = (long)(last == layer ? layer.Tiles[vertex.Tile].Count : last.Geometry.OutSteps) * last.Geometry.Filters;
                bytes += _data.Labels is null ? 0 : _data.DataRows * outputs * 4;
                bytes += _data.Training ? 0 : _data.Schedules[vertex.Replica].Length * outputs * 4;
            }
        }
        else if (vertex.Role == BlockRole.Weight)
        {
            var weights = (long)layer.Geometry.Kernel * layer.ChannelBlocks[vertex.Block].Count * layer.FilterBlocks[vertex.FilterBlock].Count;
            bytes += weights * 4;
            if (layer.IsFirst)
            {
                bytes += (long)_data.DataRows * RowValues(vertex) * _palette.BytesPerValue;
                bytes += (long)_data.Schedules[vertex.Replica].Length * _data.ScheduleBytes;
            }
        }
        else
        {
            bytes += layer.GroupFilters(vertex.Block).Count * 4;
            if (layer.IsLast)
            {
                var outputs = (long)layer.Tiles[vertex.Tile].Count * layer.GroupFilters(vertex.Block).Count;
                bytes += _data.Labels is null ? 0 : ((long)_data.Schedules[vertex.Replica].Length * _data.ScheduleBytes) + (_data.DataRows * outputs * 4);
                bytes += _data.Training ? 0 : _data.Schedules[vertex.Replica].Length * outputs * 4;
            }
        }

        return bytes;
    }

    /// <summary>The regions of <paramref name="vertex"/>.</summary>
    /// <param name="vertex">The core.</param>
    /// <param name="pacing">Every partition's TDMA slot (empty: unpaced).</param>
    /// <param name="baseKey">Every partition's first key.</param>
    public IReadOnlyList<SdramRegionData> Generate(BlockVertex vertex, IReadOnlyDictionary<PartitionSpec, SendPacing> pacing, Func<PartitionSpec, uint> baseKey) =>
        vertex.Role switch
        {
            BlockRole.Weight => WeightCore(vertex, pacing, baseKey),
            BlockRole.Sum => SumCore(vertex, pacing, baseKey),
            _ => FusedCore(vertex, pacing, baseKey),
        };

    private static int RowValues(BlockVertex vertex) =>
        vertex.Layer.Window(vertex.Tile).Count * vertex.Layer.ChannelBlocks[vertex.Block].Count;

    private (List<IncomingPartition> Incoming, List<OutgoingPartition> Outgoing) KeyTables(
        BlockVertex vertex, IReadOnlyDictionary<PartitionSpec, SendPacing> pacing, Func<PartitionSpec, uint> baseKey)
    {
        var incoming = _graph.IncomingOf(vertex)
            .Select(x => new IncomingPartition(baseKey(x.Partition), x.Partition.IndexBits, x.Partition.Slotted, x.Partition.Kind, x.Map ?? []))
            .ToList();
        var outgoing = _graph.OutgoingOf(vertex)
            .Select(p => new OutgoingPartition(baseKey(p), p.IndexBits, p.Slotted, p.Kind, p.SourceLocals, pacing.GetValueOrDefault(p)))
            .ToList();
        return (incoming, outgoing);
    }

    private List<SdramRegionData> WeightCore(BlockVertex vertex, IReadOnlyDictionary<PartitionSpec, SendPacing> pacing, Func<PartitionSpec, uint> baseKey)
    {
        var plan = _graph.Plan;
        var layer = vertex.Layer;
        var g = layer.Geometry;
        var tile = layer.Tiles[vertex.Tile];
        var window = layer.Window(vertex.Tile);
        var channels = layer.ChannelBlocks[vertex.Block];
        var filters = layer.FilterBlocks[vertex.FilterBlock];
        var (incoming, outgoing) = KeyTables(vertex, pacing, baseKey);
        var (member, members) = _data.Training ? _graph.MemberOf(vertex) : (0, 1);
        var inputsPerSlot = incoming.Where(p => p.Kind == FlowKind.Output).Sum(p => p.Map.Count);
        var parameters = new WeightCoreParameters
        {
            Format = (int)plan.Format,
            Slots = plan.Slots,
            Sequence = _data.Sequences[vertex.Replica],
            LearningRate = _data.LearningRate,
            RowsPerExample = plan.RowsPerExample,
            FirstLayer = layer.IsFirst,
            SendsErrors = _data.Training && !layer.IsFirst,
            Kernel = g.Kernel,
            Stride = g.Stride,
            PadBefore = g.PadBefore,
            TileStart = tile.Start,
            TileCount = tile.Count,
            WindowStart = window.Start,
            WindowCount = window.Count,
            ChannelCount = channels.Count,
            FilterCount = filters.Count,
            MemberIndex = member,
            MemberCount = members,
            InputsPerSlot = layer.IsFirst ? 0 : inputsPerSlot,
            CreditsPerSlot = layer.IsFirst && _data.HasInference ? _graph.OutputCores(vertex.Replica).Count() : 0,
            InputBytes = _palette.BytesPerValue,
            Palette = layer.IsFirst ? [.. _palette.Values.Select(_toPayload)] : [],
            ScheduleBytes = _data.ScheduleBytes,
            Incoming = incoming,
            Outgoing = outgoing,
        };

        if (!layer.IsFirst && inputsPerSlot != layer.ReadPositionCount(vertex.Tile) * channels.Count)
        {
            throw new InvalidOperationException(
                $"{vertex.Label}: its input partitions carry {inputsPerSlot} values per example; its window reads {layer.ReadPositionCount(vertex.Tile) * channels.Count}");
        }

        var block = new byte[g.Kernel * channels.Count * filters.Count * 4];
        WriteKernelBlock(vertex.LayerIndex, g, channels, filters, block);
        var regions = new List<SdramRegionData>
        {
            new(RegionIds.Parameters, parameters.ToBytes()),
            new(RegionIds.Weights, block),
        };
        if (layer.IsFirst)
        {
            regions.Add(new SdramRegionData(RegionIds.Inputs, InputRows(g, window, channels)));
            regions.Add(new SdramRegionData(RegionIds.Schedule, Schedule(vertex.Replica)));
        }

        return regions;
    }

    /// <summary>The kernel block of <paramref name="channels"/> x <paramref name="filters"/> of layer <paramref name="layerIndex"/> as [filter][tap][channel] (from Keras' [tap][channel][filter]) into <paramref name="destination"/>; returns the bytes written.</summary>
    private int WriteKernelBlock(int layerIndex, LayerGeometry g, IndexRange channels, IndexRange filters, Span<byte> destination)
    {
        var kernel = _weightedLayers[layerIndex].Weights[0].Data;
        var at = 0;
        for (var f = filters.Start; f < filters.End; f++)
        {
            for (var k = 0; k < g.Kernel; k++)
            {
                for (var c = channels.Start; c < channels.End; c++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], _toPayload(kernel[(((k * g.Channels) + c) * g.Filters) + f]));
                    at += 4;
                }
            }
        }

        return at;
    }

    /// <summary>The biases <paramref name="filters"/> of layer <paramref name="layerIndex"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    private int WriteBiases(int layerIndex, IndexRange filters, Span<byte> destination)
    {
        var bias = _weightedLayers[layerIndex].Weights[1].Data;
        for (var f = 0; f < filters.Count; f++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(f * 4)..], _toPayload(bias[filters.Start + f]));
        }

        return filters.Count * 4;
    }

    /// <summary>Every data row's window x channel-block values, row after row.</summary>
    private byte[] InputRows(LayerGeometry g, IndexRange window, IndexRange channels)
    {
        var rowValues = window.Count * channels.Count;
        var bytesPerValue = _palette.BytesPerValue;
        var bytes = new byte[checked((long)_data.DataRows * rowValues * bytesPerValue)];
        var inputs = _data.Inputs;
        var indices = _palette.Indices;
        var at = 0;
        for (var n = 0; n < _data.DataRows; n++)
        {
            var rowStart = n * _data.InputLength;
            for (var q = window.Start; q < window.End; q++)
            {
                var offset = rowStart + (q * g.Channels) + channels.Start;
                if (indices is not null)
                {
                    indices.AsSpan(offset, channels.Count).CopyTo(bytes.AsSpan(at));
                    at += channels.Count;
                    continue;
                }

                for (var c = 0; c < channels.Count; c++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), _toPayload(inputs[offset + c]));
                    at += 4;
                }
            }
        }

        return bytes;
    }

    private byte[] Schedule(int replica)
    {
        var schedule = _data.Schedules[replica];
        var size = _data.ScheduleBytes;
        var bytes = new byte[schedule.Length * size];
        for (var i = 0; i < schedule.Length; i++)
        {
            if (size == 2)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)schedule[i]);
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), schedule[i]);
            }
        }

        return bytes;
    }

    private List<SdramRegionData> SumCore(BlockVertex vertex, IReadOnlyDictionary<PartitionSpec, SendPacing> pacing, Func<PartitionSpec, uint> baseKey)
    {
        var plan = _graph.Plan;
        var layer = vertex.Layer;
        var g = layer.Geometry;
        var tile = layer.Tiles[vertex.Tile];
        var filters = layer.GroupFilters(vertex.Block);
        var (incoming, outgoing) = KeyTables(vertex, pacing, baseKey);
        var (member, members) = _data.Training ? _graph.MemberOf(vertex) : (0, 1);
        var outputs = tile.Count * filters.Count;
        var partials = incoming.Where(p => p.Kind == FlowKind.Partial).Sum(p => p.Map.Count);
        if (partials != outputs * layer.Split.ChannelBlocks)
        {
            throw new InvalidOperationException($"{vertex.Label}: {partials} partial sums arrive per example; {outputs} outputs x {layer.Split.ChannelBlocks} channel blocks expected");
        }

        var reportIndex = layer.IsLast ? _graph.OutputCores(vertex.Replica).ToList().IndexOf(vertex) : 0;
        var parameters = new SumCoreParameters
        {
            Format = (int)plan.Format,
            Slots = plan.Slots,
            Sequence = _data.Sequences[vertex.Replica],
            LearningRate = _data.LearningRate,
            RowsPerExample = plan.RowsPerExample,
            OutputLayer = layer.IsLast,
            Activation = g.Activation,
            Loss = plan.Loss,
            Positions = tile.Count,
            Filters = filters.Count,
            LossWidth = layer.IsLast ? plan.LossWidth : filters.Count,
            LossActivation = plan.LossActivation,
            MemberIndex = member,
            MemberCount = members,
            PartialsPerSlot = partials,
            ErrorsPerSlot = incoming.Where(p => p.Kind == FlowKind.Error).Sum(p => p.Map.Count),
            Scores = layer.IsLast && _data.Labels is not null,
            WritesPredictions = layer.IsLast && !_data.Training,
            ReportIndex = reportIndex,
            ScheduleBytes = layer.IsLast && _data.Labels is not null ? _data.ScheduleBytes : 0,
            Incoming = incoming,
            Outgoing = outgoing,
        };

        var biasBytes = new byte[filters.Count * 4];
        WriteBiases(vertex.LayerIndex, filters, biasBytes);

        var regions = new List<SdramRegionData>
        {
            new(RegionIds.Parameters, parameters.ToBytes()),
            new(RegionIds.Weights, biasBytes),
        };
        if (layer.IsLast)
        {
            if (_data.Labels is not null)
            {
                regions.Add(new SdramRegionData(RegionIds.Schedule, Schedule(vertex.Replica)));
                regions.Add(new SdramRegionData(RegionIds.Labels, LabelRows(layer, tile, filters)));
            }

            if (!_data.Training)
            {
                regions.Add(new SdramRegionData(RegionIds.Predictions, new byte[checked(_data.Schedules[vertex.Replica].Length * outputs * 4)]));
            }
        }

        return regions;
    }

    private List<SdramRegionData> FusedCore(BlockVertex vertex, IReadOnlyDictionary<PartitionSpec, SendPacing> pacing, Func<PartitionSpec, uint> baseKey)
    {
        var plan = _graph.Plan;
        var head = vertex.Layer;
        var last = vertex.LastLayer;
        var layers = _graph.FusedLayersOf(vertex).ToList();
        var (incoming, outgoing) = KeyTables(vertex, pacing, baseKey);
        var (member, members) = _data.Training ? _graph.MemberOf(vertex) : (0, 1);
        var inputsPerSlot = incoming.Where(p => p.Kind == FlowKind.Output).Sum(p => p.Map.Count);
        var window = layers[0].Window;
        if (!head.IsFirst && inputsPerSlot != head.ReadPositionCount(vertex.Tile) * head.Geometry.Channels)
        {
            throw new InvalidOperationException(
                $"{vertex.Label}: its input partitions carry {inputsPerSlot} values per example; its window reads {head.ReadPositionCount(vertex.Tile) * head.Geometry.Channels}");
        }

        var lastTile = layers[^1].Tile;
        var scores = last.IsLast && _data.Labels is not null;
        var parameters = new FusedCoreParameters
        {
            Format = (int)plan.Format,
            Slots = plan.Slots,
            Sequence = _data.Sequences[vertex.Replica],
            LearningRate = _data.LearningRate,
            RowsPerExample = plan.RowsPerExample,
            FirstLayer = head.IsFirst,
            SendsErrors = _data.Training && !head.IsFirst,
            OutputLayer = last.IsLast,
            MemberIndex = member,
            MemberCount = members,
            InputsPerSlot = head.IsFirst ? 0 : inputsPerSlot,
            ErrorsPerSlot = incoming.Where(p => p.Kind == FlowKind.Error).Sum(p => p.Map.Count),
            CreditsPerSlot = head.IsFirst && _data.HasInference ? _graph.OutputCores(vertex.Replica).Count() : 0,
            Loss = plan.Loss,
            LossWidth = last.IsLast ? plan.LossWidth : last.Geometry.Filters,
            LossActivation = plan.LossActivation,
            Scores = scores,
            WritesPredictions = last.IsLast && !_data.Training,
            ReportIndex = last.IsLast ? _graph.OutputCores(vertex.Replica).ToList().IndexOf(vertex) : 0,
            InputBytes = _palette.BytesPerValue,
            Palette = head.IsFirst ? [.. _palette.Values.Select(_toPayload)] : [],
            ScheduleBytes = _data.ScheduleBytes,
            Layers = [.. layers.Select(x => new FusedLayer(x.Layer.Geometry.Kernel, x.Layer.Geometry.Stride, x.Layer.Geometry.PadBefore,
                x.Tile.Start, x.Tile.Count, x.Window.Start, x.Window.Count, x.Layer.Geometry.Channels, x.Layer.Geometry.Filters, x.Layer.Geometry.Activation))],
            Incoming = incoming,
            Outgoing = outgoing,
        };

        // Every layer's whole kernel block then its biases, first layer to last.
        var trained = new byte[_graph.FusedValues(head.Position, last.Position) * 4];
        var at = 0;
        foreach (var (layer, _, _) in layers)
        {
            var g = layer.Geometry;
            var all = new IndexRange(0, g.Filters);
            at += WriteKernelBlock(layer.Position, g, new IndexRange(0, g.Channels), all, trained.AsSpan(at));
            at += WriteBiases(layer.Position, all, trained.AsSpan(at));
        }

        var regions = new List<SdramRegionData>
        {
            new(RegionIds.Parameters, parameters.ToBytes()),
            new(RegionIds.Weights, trained),
        };
        if (head.IsFirst)
        {
            regions.Add(new SdramRegionData(RegionIds.Inputs, InputRows(head.Geometry, window, new IndexRange(0, head.Geometry.Channels))));
        }

        if (head.IsFirst || scores)
        {
            regions.Add(new SdramRegionData(RegionIds.Schedule, Schedule(vertex.Replica)));
        }

        if (last.IsLast)
        {
            var allFilters = new IndexRange(0, last.Geometry.Filters);
            if (scores)
            {
                regions.Add(new SdramRegionData(RegionIds.Labels, LabelRows(last, lastTile, allFilters)));
            }

            if (!_data.Training)
            {
                regions.Add(new SdramRegionData(RegionIds.Predictions, new byte[checked(_data.Schedules[vertex.Replica].Length * lastTile.Count * allFilters.Count * 4)]));
            }
        }

        return regions;
    }

    /// <summary>The labels of the core's outputs for every data row.</summary>
    private byte[] LabelRows(LayerPlan layer, IndexRange tile, IndexRange filters)
    {
        var outputs = tile.Count * filters.Count;
        var bytes = new byte[checked((long)_data.DataRows * outputs * 4)];
        var labels = _data.Labels!;

        var at = 0;
        for (var n = 0; n < _data.DataRows; n++)
        {
            for (var p = tile.Start; p < tile.End; p++)
            {
                for (var f = filters.Start; f < filters.End; f++)
                {
                    var index = (n * _data.LabelLength) + (p * layer.Geometry.Filters) + f;
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), labels[index]);
                    at += 4;
                }
            }
        }

        return bytes;
    }
}
