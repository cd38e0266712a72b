using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Graph;

/// <summary>
/// The exact DTCM a blocked core allocates at start, from its partitions and block (the
/// sizes of every array <see cref="Cores.WeightCore{T, TAcc, TOps}"/>,
/// <see cref="Cores.SumCore{T, TAcc, TOps}"/> and <see cref="Cores.FusedCore{T, TAcc, TOps}"/>
/// allocate, in the same terms): the vertex
/// declares it, and the toolchain's loader holds the program to it.
/// </summary>
internal static class CoreMemory
{
    private const int IncomingEntryBytes = 4 + 4 + 1 + 1 + 1 + 4 + 1;
    private const int OutgoingEntryBytes = 4 + 1 + 1 + 1 + 8 + 8 + 8 + 8 + 4 + 4;

    /// <summary>The DTCM of <paramref name="vertex"/> in <paramref name="graph"/>.</summary>
    public static int Bytes(BlockedGraph graph, BlockVertex vertex, bool training, int paletteValues, int inputBytes)
    {
        var plan = graph.Plan;
        const long value = 4; // a float or an s16.15 int
        var accumulator = plan.Format == NumberFormat.Float ? 4L : 8L;
        var slots = (long)plan.Slots;
        var incoming = graph.IncomingOf(vertex).ToList();
        var outgoing = graph.OutgoingOf(vertex).ToList();
        long bytes = (incoming.Count * IncomingEntryBytes) + (incoming.Sum(p => p.Map?.Length ?? 0) * 2L)
            + (outgoing.Count * OutgoingEntryBytes) + (outgoing.Sum(p => Data.OutgoingPartition.IsIdentity(p.SourceLocals) ? 0L : p.Count) * 2L)
            + (((4 * slots) + 8) * 4);
        var layer = vertex.Layer;
        if (vertex.Role == BlockRole.Fused)
        {
            return checked((int)(bytes + FusedBytes(graph, vertex, training, paletteValues, inputBytes)));
        }

        if (vertex.Role == BlockRole.Weight)
        {
            var g = layer.Geometry;
            var tile = (long)layer.Tiles[vertex.Tile].Count;
            var channels = (long)layer.ChannelBlocks[vertex.Block].Count;
            var filters = (long)layer.FilterBlocks[vertex.FilterBlock].Count;
            var rowValues = layer.Window(vertex.Tile).Count * channels;
            var weights = g.Kernel * channels * filters;
            var sendsErrors = training && !layer.IsFirst;
            bytes += (layer.IsFirst ? paletteValues * value : 0)
                + (weights * value) + (training ? weights * accumulator : 0)
                + (tile * g.Kernel * 4)
                + (slots * rowValues * value) + (slots * tile * filters * value) + (tile * filters * value)
                + (3 * slots * 4) + slots
                + (sendsErrors ? rowValues * (accumulator + value) : 0)
                + (layer.IsFirst ? (rowValues * inputBytes) + (Cores.PreloadedRows<float, float, Arithmetic.FloatArithmetic>.ScheduleEntriesPerRead * 4) : 0);
        }
        else
        {
            var filters = (long)layer.GroupFilters(vertex.Block).Count;
            var outputs = layer.Tiles[vertex.Tile].Count * filters;
            bytes += (filters * value) + (training ? filters * accumulator : 0)
                + (2 * slots * outputs * value) + (training && !layer.IsLast ? slots * outputs * value : 0)
                + (2 * slots * 4) + (outputs * value)
                + (layer.IsLast ? (slots * 4) + (3 * outputs * 4) : 0);
        }

        return checked((int)bytes);
    }

    /// <summary>The arrays of a fused core (<see cref="Cores.FusedCore{T, TAcc, TOps}"/>), beyond its key tables and ring.</summary>
    private static long FusedBytes(BlockedGraph graph, BlockVertex vertex, bool training, int paletteValues, int inputBytes)
    {
        const long value = 4;
        var plan = graph.Plan;
        var accumulator = plan.Format == NumberFormat.Float ? 4L : 8L;
        var slots = (long)plan.Slots;
        var first = vertex.Layer.IsFirst;
        var output = vertex.LastLayer.IsLast;
        var sendsErrors = training && !first;
        var layers = graph.FusedLayersOf(vertex).ToList();
        var rowValues = (long)layers[0].Window.Count * layers[0].Layer.Geometry.Channels;
        long trained = 0, taps = 0, outputs = 0, maxOutputs = 0, lastOutputs = 0, maxErrors = sendsErrors ? rowValues : 0;
        for (var i = 0; i < layers.Count; i++)
        {
            var (layer, tile, window) = layers[i];
            var g = layer.Geometry;
            trained += g.KernelWeights + g.Filters;
            taps += (long)tile.Count * g.Kernel;
            lastOutputs = (long)tile.Count * g.Filters;
            outputs += lastOutputs;
            maxOutputs = Math.Max(maxOutputs, lastOutputs);
            if (i > 0)
            {
                maxErrors = Math.Max(maxErrors, (long)window.Count * g.Channels);
            }
        }

        return (first ? paletteValues * value : 0)
            + (4L * 4 * layers.Count) + (taps * 4)
            + (trained * value) + (training ? trained * accumulator : 0)
            + (slots * rowValues * value) + (slots * outputs * value)
            + (training && !output ? slots * lastOutputs * value : 0)
            + (training ? (2 * maxOutputs * value) + (maxErrors * accumulator) : 0)
            + (sendsErrors ? rowValues * value : 0)
            + (3 * slots * 4) + slots
            + (output ? (slots * 4) + (3 * lastOutputs * 4) : 0)
            + (first ? (rowValues * inputBytes) + (Cores.PreloadedRows<float, float, Arithmetic.FloatArithmetic>.ScheduleEntriesPerRead * 4) : 0);
    }
}
