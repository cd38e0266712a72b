using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiNNaker.Toolchain.Graphs;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Graph;

/// <summary>
/// The machine graph of a <see cref="NetworkPlan"/>: every weight, sum and fused core of every
/// replica as a <see cref="BlockVertex"/> (a fused core stands for the weight and sum cores of
/// each of its layers), and every partition (section 4 of the design) both
/// in the toolchain's <see cref="MachineGraph"/> and as a <see cref="PartitionSpec"/> that
/// says which local values travel and where they land.
/// </summary>
internal sealed class BlockedGraph
{
    private readonly BlockVertex[][][][][] _weights;
    private readonly BlockVertex[][][][] _sums;
    private readonly List<PartitionSpec> _partitions = [];
    private int _coresPerChip;
    private Dictionary<BlockVertex, List<(PartitionSpec, int[]?)>>? _incoming;
    private Dictionary<BlockVertex, List<PartitionSpec>>? _outgoing;

    private BlockedGraph(NetworkPlan plan)
    {
        Plan = plan;
        _weights = new BlockVertex[plan.Replicas][][][][];
        _sums = new BlockVertex[plan.Replicas][][][];
    }

    public NetworkPlan Plan { get; }

    public MachineGraph Graph { get; } = new();

    public IReadOnlyList<PartitionSpec> Partitions => _partitions;

    /// <summary>Every vertex, weight and sum cores, in graph order.</summary>
    public IEnumerable<BlockVertex> Vertices => Graph.Vertices.Cast<BlockVertex>();

    public BlockVertex Weight(int replica, int layer, int tile, int channelBlock, int filterBlock) =>
        _weights[replica][layer][tile][channelBlock][filterBlock];

    public BlockVertex Sum(int replica, int layer, int tile, int group) => _sums[replica][layer][tile][group];

    /// <summary>The output sum cores of <paramref name="replica"/> (the last layer's), in tile then group order.</summary>
    public IEnumerable<BlockVertex> OutputCores(int replica) => _sums[replica][^1].SelectMany(t => t);

    /// <summary>The first layer's weight cores of <paramref name="replica"/>.</summary>
    public IEnumerable<BlockVertex> FirstLayerCores(int replica) => _weights[replica][0].SelectMany(t => t).SelectMany(c => c);

    /// <summary>Builds the graph: vertices, then forward, backward, credit and reduction partitions.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="training">Whether the run trains (deltas, errors, reductions).</param>
    /// <param name="inference">Whether the run has inference phases (credits).</param>
    /// <param name="coresPerChip">Application cores of a chip (a sum core and its weight cores share one when they fit).</param>
    public static BlockedGraph Build(NetworkPlan plan, bool training, bool inference, int coresPerChip)
    {
        var graph = new BlockedGraph(plan) { _coresPerChip = coresPerChip };
        for (var r = 0; r < plan.Replicas; r++)
        {
            graph.AddVertices(r);
        }

        for (var r = 0; r < plan.Replicas; r++)
        {
            for (var l = 0; l < plan.Layers.Count; l++)
            {
                // Nothing travels inside a fused core: no partial sums or deltas, and nothing between the layers of a chain.
                var layer = plan.Layers[l];
                if (!layer.IsFused)
                {
                    graph.AddPartials(r, l);
                }

                if (l + 1 < plan.Layers.Count && !layer.SharesCoreWith(plan.Layers[l + 1]))
                {
                    graph.AddOutputs(r, l);
                }

                if (training)
                {
                    if (!layer.IsFused)
                    {
                        graph.AddDeltas(r, l);
                    }

                    if (l > 0 && !layer.SharesCoreWith(plan.Layers[l - 1]))
                    {
                        graph.AddErrors(r, l);
                    }
                }
            }

            if (inference)
            {
                graph.AddCredits(r);
            }
        }

        if (training)
        {
            for (var l = 0; l < plan.Layers.Count; l++)
            {
                graph.AddReductions(l);
            }
        }

        return graph;
    }

    /// <summary>The partitions <paramref name="vertex"/> receives, with its map of each.</summary>
    public IReadOnlyList<(PartitionSpec Partition, int[]? Map)> IncomingOf(BlockVertex vertex)
    {
        Index();
        return _incoming!.TryGetValue(vertex, out var list) ? list : [];
    }

    /// <summary>The partitions <paramref name="vertex"/> sends on.</summary>
    public IReadOnlyList<PartitionSpec> OutgoingOf(BlockVertex vertex)
    {
        Index();
        return _outgoing!.TryGetValue(vertex, out var list) ? list : [];
    }

    private void Index()
    {
        if (_incoming is not null)
        {
            return;
        }

        _incoming = [];
        _outgoing = [];
        foreach (var p in _partitions)
        {
            if (!_outgoing.TryGetValue(p.Source, out var sent))
            {
                _outgoing[p.Source] = sent = [];
            }

            sent.Add(p);
            foreach (var (target, map) in p.Targets)
            {
                if (!_incoming.TryGetValue(target, out var received))
                {
                    _incoming[target] = received = [];
                }

                received.Add((p, map));
            }
        }
    }

    private void AddVertices(int r)
    {
        var layers = Plan.Layers;
        _weights[r] = new BlockVertex[layers.Count][][][];
        _sums[r] = new BlockVertex[layers.Count][][];
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var split = layer.Split;
            _weights[r][l] = new BlockVertex[split.Tiles][][];
            _sums[r][l] = new BlockVertex[split.Tiles][];
            if (layer.IsFused)
            {
                // One core per tile plays the layer's weight core and sum core; the later layers of a chain share their first layer's core.
                for (var t = 0; t < split.Tiles; t++)
                {
                    var vertex = l == layer.ChainFirst
                        ? Graph.AddVertex(new BlockVertex(BlockRole.Fused, r, layer, l, t, 0, 0, layers[layer.ChainLast]))
                        : _weights[r][layer.ChainFirst][t][0][0];
                    _weights[r][l][t] = [[vertex]];
                    _sums[r][l][t] = [vertex];
                }

                continue;
            }

            for (var t = 0; t < split.Tiles; t++)
            {
                _sums[r][l][t] = new BlockVertex[layer.SumGroups.Count];
                for (var g = 0; g < layer.SumGroups.Count; g++)
                {
                    _sums[r][l][t][g] = Graph.AddVertex(new BlockVertex(BlockRole.Sum, r, layer, l, t, g, -1));
                }

                _weights[r][l][t] = new BlockVertex[split.ChannelBlocks][];
                for (var cb = 0; cb < split.ChannelBlocks; cb++)
                {
                    _weights[r][l][t][cb] = new BlockVertex[split.FilterBlocks];
                    for (var fb = 0; fb < split.FilterBlocks; fb++)
                    {
                        var vertex = Graph.AddVertex(new BlockVertex(BlockRole.Weight, r, layer, l, t, cb, fb));
                        var group = GroupOfBlock(layer, fb);
                        // A sum core and its weight cores share a chip when they fit: partial sums then never leave it.
                        if ((split.ChannelBlocks * layer.SumGroups[group].Count) + 1 <= _coresPerChip)
                        {
                            vertex.AddConstraint(new SameChipConstraint(_sums[r][l][t][group]));
                        }

                        _weights[r][l][t][cb][fb] = vertex;
                    }
                }
            }
        }
    }

    private static int GroupOfBlock(LayerPlan layer, int filterBlock)
    {
        for (var g = 0; g < layer.SumGroups.Count; g++)
        {
            if (layer.SumGroups[g].Contains(filterBlock))
            {
                return g;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(filterBlock), filterBlock, "no sum group holds the filter block");
    }

    private PartitionSpec Add(PartitionSpec spec)
    {
        spec.Source.SetKeyCount(spec.Identifier, spec.KeyCount(Plan.Slots));
        var partition = Graph.AddPartition(spec.Source, spec.Identifier);
        foreach (var (target, _) in spec.Targets)
        {
            Graph.AddEdge(partition, target);
        }

        _partitions.Add(spec);
        return spec;
    }

    /// <summary>Weight core -> its sum core: partial pre-activations, index <c>p * filters + f</c> of its block.</summary>
    private void AddPartials(int r, int l)
    {
        var layer = Plan.Layers[l];
        for (var t = 0; t < layer.Split.Tiles; t++)
        {
            var positions = layer.Tiles[t].Count;
            for (var cb = 0; cb < layer.Split.ChannelBlocks; cb++)
            {
                for (var fb = 0; fb < layer.Split.FilterBlocks; fb++)
                {
                    var filters = layer.FilterBlocks[fb];
                    var group = GroupOfBlock(layer, fb);
                    var groupFilters = layer.GroupFilters(group);
                    var count = positions * filters.Count;
                    var spec = new PartitionSpec(Weight(r, l, t, cb, fb), "partial", FlowKind.Partial, true, Identity(count));
                    var map = new int[count];
                    for (var p = 0; p < positions; p++)
                    {
                        for (var f = 0; f < filters.Count; f++)
                        {
                            map[(p * filters.Count) + f] = (p * groupFilters.Count) + (filters.Start - groupFilters.Start) + f;
                        }
                    }

                    spec.Targets.Add((Sum(r, l, t, group), map));
                    Add(spec);
                }
            }
        }
    }

    /// <summary>Sum core -> its weight cores of each filter block: deltas, index <c>p * filters + f</c> of the block.</summary>
    private void AddDeltas(int r, int l)
    {
        var layer = Plan.Layers[l];
        for (var t = 0; t < layer.Split.Tiles; t++)
        {
            var positions = layer.Tiles[t].Count;
            for (var g = 0; g < layer.SumGroups.Count; g++)
            {
                var groupFilters = layer.GroupFilters(g);
                var blocks = layer.SumGroups[g];
                for (var fb = blocks.Start; fb < blocks.End; fb++)
                {
                    var filters = layer.FilterBlocks[fb];
                    var sources = new int[positions * filters.Count];
                    for (var p = 0; p < positions; p++)
                    {
                        for (var f = 0; f < filters.Count; f++)
                        {
                            sources[(p * filters.Count) + f] = (p * groupFilters.Count) + (filters.Start - groupFilters.Start) + f;
                        }
                    }

                    var spec = new PartitionSpec(Sum(r, l, t, g), $"delta:{fb}", FlowKind.Delta, true, sources);
                    for (var cb = 0; cb < layer.Split.ChannelBlocks; cb++)
                    {
                        spec.Targets.Add((Weight(r, l, t, cb, fb), null));
                    }

                    Add(spec);
                }
            }
        }
    }

    /// <summary>
    /// Sum core -> the next layer's weight cores that read its outputs: one partition per set
    /// of destinations, so every core receives exactly the values it reads.
    /// </summary>
    private void AddOutputs(int r, int l)
    {
        var layer = Plan.Layers[l];
        var next = Plan.Layers[l + 1];
        var nextGeometry = next.Geometry;
        for (var t = 0; t < layer.Split.Tiles; t++)
        {
            var tile = layer.Tiles[t];
            for (var g = 0; g < layer.SumGroups.Count; g++)
            {
                var groupFilters = layer.GroupFilters(g);
                var groups = new Dictionary<string, (List<int> Locals, List<BlockVertex> Targets, List<List<int>> Maps)>();
                var order = new List<string>();
                for (var p = 0; p < tile.Count; p++)
                {
                    for (var f = 0; f < groupFilters.Count; f++)
                    {
                        var local = (p * groupFilters.Count) + f;
                        var flat = ((tile.Start + p) * layer.Geometry.Filters) + groupFilters.Start + f;
                        var q = flat / nextGeometry.Channels;
                        var c = flat % nextGeometry.Channels;
                        var cb = next.ChannelBlockOf(c);
                        var channels = next.ChannelBlocks[cb];
                        var targets = new List<(BlockVertex Vertex, int Local)>();
                        for (var nt = 0; nt < next.Split.Tiles; nt++)
                        {
                            if (!next.TileReads(nt, q))
                            {
                                continue;
                            }

                            var window = next.Window(nt);
                            var targetLocal = ((q - window.Start) * channels.Count) + (c - channels.Start);
                            for (var fb = 0; fb < next.Split.FilterBlocks; fb++)
                            {
                                targets.Add((Weight(r, l + 1, nt, cb, fb), targetLocal));
                            }
                        }

                        if (targets.Count == 0)
                        {
                            continue; // an output no next-layer position reads (a stride larger than the kernel)
                        }

                        var key = string.Join(",", targets.Select(x => Graph.IndexOf(x.Vertex)));
                        if (!groups.TryGetValue(key, out var entry))
                        {
                            entry = ([], [.. targets.Select(x => x.Vertex)], [.. targets.Select(_ => new List<int>())]);
                            groups.Add(key, entry);
                            order.Add(key);
                        }

                        entry.Locals.Add(local);
                        for (var i = 0; i < targets.Count; i++)
                        {
                            entry.Maps[i].Add(targets[i].Local);
                        }
                    }
                }

                for (var k = 0; k < order.Count; k++)
                {
                    var (locals, targetsOf, maps) = groups[order[k]];
                    var spec = new PartitionSpec(Sum(r, l, t, g), $"output:{k}", FlowKind.Output, true, [.. locals]);
                    for (var i = 0; i < targetsOf.Count; i++)
                    {
                        spec.Targets.Add((targetsOf[i], [.. maps[i]]));
                    }

                    Add(spec);
                }
            }
        }
    }

    /// <summary>Weight core -> each previous-layer sum core that owns some of its inputs: partial input errors.</summary>
    private void AddErrors(int r, int l)
    {
        var layer = Plan.Layers[l];
        var previous = Plan.Layers[l - 1];
        var g = layer.Geometry;
        for (var t = 0; t < layer.Split.Tiles; t++)
        {
            var window = layer.Window(t);
            for (var cb = 0; cb < layer.Split.ChannelBlocks; cb++)
            {
                var channels = layer.ChannelBlocks[cb];
                for (var fb = 0; fb < layer.Split.FilterBlocks; fb++)
                {
                    var byTarget = new Dictionary<BlockVertex, (List<int> Locals, List<int> Map)>();
                    var order = new List<BlockVertex>();
                    for (var q = window.Start; q < window.End; q++)
                    {
                        if (!layer.TileReads(t, q))
                        {
                            continue;
                        }

                        for (var c = channels.Start; c < channels.End; c++)
                        {
                            var local = ((q - window.Start) * channels.Count) + (c - channels.Start);
                            var flat = (q * g.Channels) + c;
                            var p = flat / previous.Geometry.Filters;
                            var f = flat % previous.Geometry.Filters;
                            var pt = previous.TileOf(p);
                            var pg = previous.GroupOfFilter(f);
                            var groupFilters = previous.GroupFilters(pg);
                            var target = Sum(r, l - 1, pt, pg);
                            if (!byTarget.TryGetValue(target, out var entry))
                            {
                                entry = ([], []);
                                byTarget.Add(target, entry);
                                order.Add(target);
                            }

                            entry.Locals.Add(local);
                            entry.Map.Add(((p - previous.Tiles[pt].Start) * groupFilters.Count) + (f - groupFilters.Start));
                        }
                    }

                    for (var k = 0; k < order.Count; k++)
                    {
                        var (locals, map) = byTarget[order[k]];
                        var spec = new PartitionSpec(Weight(r, l, t, cb, fb), $"error:{k}", FlowKind.Error, true, [.. locals]);
                        spec.Targets.Add((order[k], [.. map]));
                        Add(spec);
                    }
                }
            }
        }
    }

    /// <summary>Each output sum core -> every first-layer weight core of the replica: one credit per inference example.</summary>
    private void AddCredits(int r)
    {
        foreach (var output in OutputCores(r))
        {
            // A fused core that is both an output and a first-layer core credits itself without a packet.
            var spec = new PartitionSpec(output, "credit", FlowKind.Credit, true, [0]);
            foreach (var first in FirstLayerCores(r).Where(f => f != output))
            {
                spec.Targets.Add((first, null));
            }

            if (spec.Targets.Count > 0)
            {
                Add(spec);
            }
        }
    }

    /// <summary>
    /// Batch-end combination: the copies of one block in every replica and conv tile form a
    /// group led by replica 0, tile 0 (section 7 of the design); likewise the sum cores of one
    /// filter group.
    /// </summary>
    private void AddReductions(int l)
    {
        var layer = Plan.Layers[l];
        var members = Plan.Replicas * layer.Split.Tiles;
        if (members == 1)
        {
            return;
        }

        if (layer.IsFused)
        {
            // A fused core's kernels and biases combine as one block, once per chain.
            if (l == layer.ChainFirst)
            {
                AddGroup(Members((r, t) => Weight(r, l, t, 0, 0)), FusedValues(layer.ChainFirst, layer.ChainLast));
            }

            return;
        }

        for (var cb = 0; cb < layer.Split.ChannelBlocks; cb++)
        {
            for (var fb = 0; fb < layer.Split.FilterBlocks; fb++)
            {
                var weights = layer.Geometry.Kernel * layer.ChannelBlocks[cb].Count * layer.FilterBlocks[fb].Count;
                AddGroup(Members((r, t) => Weight(r, l, t, cb, fb)), weights);
            }
        }

        for (var g = 0; g < layer.SumGroups.Count; g++)
        {
            AddGroup(Members((r, t) => Sum(r, l, t, g)), layer.GroupFilters(g).Count);
        }

        List<BlockVertex> Members(Func<int, int, BlockVertex> vertex)
        {
            var list = new List<BlockVertex>();
            for (var r = 0; r < Plan.Replicas; r++)
            {
                for (var t = 0; t < layer.Split.Tiles; t++)
                {
                    list.Add(vertex(r, t));
                }
            }

            return list;
        }
    }

    private void AddGroup(List<BlockVertex> members, int values)
    {
        var leader = members[0];
        var reduced = new PartitionSpec(leader, "reduced", FlowKind.Reduced, false, Identity(values));
        for (var m = 1; m < members.Count; m++)
        {
            var reduce = new PartitionSpec(members[m], "reduce", FlowKind.Reduce, false, Identity(values));
            reduce.Targets.Add((leader, null));
            Add(reduce);
            reduced.Targets.Add((members[m], null));
        }

        Add(reduced);
    }

    /// <summary>
    /// The layers of fused core <paramref name="vertex"/>, first to last, each with the output
    /// positions the core computes and the input positions it reads: its tile and window in
    /// the first layer, whole layers after it.
    /// </summary>
    public IEnumerable<(LayerPlan Layer, IndexRange Tile, IndexRange Window)> FusedLayersOf(BlockVertex vertex)
    {
        for (var l = vertex.Layer.Position; l <= vertex.LastLayer.Position; l++)
        {
            var layer = Plan.Layers[l];
            yield return l == vertex.Layer.Position
                ? (layer, layer.Tiles[vertex.Tile], layer.Window(vertex.Tile))
                : (layer, new IndexRange(0, layer.Geometry.OutSteps), new IndexRange(0, layer.Geometry.InSteps));
        }
    }

    /// <summary>The kernel weights and biases a fused core of layers <paramref name="first"/>-<paramref name="last"/> holds (its trained values, layer after layer).</summary>
    public int FusedValues(int first, int last)
    {
        var values = 0;
        for (var l = first; l <= last; l++)
        {
            values += Plan.Layers[l].Geometry.KernelWeights + Plan.Layers[l].Geometry.Filters;
        }

        return values;
    }

    /// <summary>The member index of <paramref name="vertex"/> in its reduction group (0 = leader) and the group's size.</summary>
    public (int Index, int Count) MemberOf(BlockVertex vertex)
    {
        var count = Plan.Replicas * vertex.Layer.Split.Tiles;
        return ((vertex.Replica * vertex.Layer.Split.Tiles) + vertex.Tile, count);
    }

    private static int[] Identity(int count)
    {
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = i;
        }

        return values;
    }
}
