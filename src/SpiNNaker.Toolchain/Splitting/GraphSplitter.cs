using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Splitting;

/// <summary>
/// The splitting pass: an <see cref="ApplicationGraph"/> in, a <see cref="MachineGraph"/>
/// out. Each application vertex becomes one machine vertex per slice its splitter chooses;
/// machine vertices pass through; each application partition becomes one outgoing partition
/// per source machine vertex (even one without edges: it still gets keys), with a machine
/// edge to each target machine vertex whose slice some source atom connects to.
/// </summary>
public sealed class GraphSplitter
{
    /// <summary>Creates the pass.</summary>
    /// <param name="budget">What one core may use (default: a SpiNNaker 1 core).</param>
    /// <param name="defaultSplitter">The splitter for vertices without their own (default: <see cref="ResourceSplitter"/>).</param>
    public GraphSplitter(CoreBudget? budget = null, ISplitter? defaultSplitter = null)
    {
        Budget = budget ?? CoreBudget.SpiNNaker1;
        DefaultSplitter = defaultSplitter ?? ResourceSplitter.Instance;
    }

    /// <summary>What one core may use.</summary>
    public CoreBudget Budget { get; }

    /// <summary>The splitter used for vertices without their own.</summary>
    public ISplitter DefaultSplitter { get; }

    /// <summary>Splits <paramref name="graph"/>.</summary>
    /// <exception cref="ResourceException">A vertex, or one of its slices, does not fit a core.</exception>
    /// <exception cref="MappingException">A fixed-key partition would be split into several.</exception>
    public MachineGraph Split(ApplicationGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var machineGraph = new MachineGraph();
        var verticesOf = new Dictionary<Vertex, IReadOnlyList<MachineVertex>>();
        foreach (var vertex in graph.Vertices)
        {
            verticesOf[vertex] = vertex switch
            {
                MachineVertex m => [AddChecked(machineGraph, m)],
                ApplicationVertex a => SplitVertex(machineGraph, a),
                _ => throw new MappingException($"vertex '{vertex.Label}' is neither an application nor a machine vertex ({vertex.GetType().Name})"),
            };
        }

        var slicesOf = verticesOf.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Slice>)[.. kv.Value.Select(v => v.Slice)]);
        foreach (var partition in graph.Partitions)
        {
            var sources = verticesOf[partition.Source];
            if (partition.FixedKeys is not null && sources.Count != 1)
            {
                throw new MappingException(
                    $"partition '{partition.Identifier}' of '{partition.Source.Label}' has fixed keys {partition.FixedKeys} but its source was split into {sources.Count} machine vertices; fixed keys need a single source core");
            }

            foreach (var source in sources)
            {
                var machinePartition = machineGraph.AddPartition(source, partition.Identifier, null, partition);
                machinePartition.FixedKeys = partition.FixedKeys;
                foreach (var edge in partition.Edges)
                {
                    var targets = verticesOf[edge.Target];
                    foreach (var i in edge.Connectivity.ConnectedSlices(source.Slice, slicesOf[edge.Target]))
                    {
                        machineGraph.AddEdge(machinePartition, targets[i]);
                    }
                }
            }
        }

        return machineGraph;
    }

    private MachineVertex AddChecked(MachineGraph machineGraph, MachineVertex vertex)
    {
        if (!Budget.Fits(vertex.Resources))
        {
            throw new ResourceException(
                $"machine vertex '{vertex.Label}' needs {vertex.Resources}, more than a core has ({Budget.Excess(vertex.Resources)})");
        }

        return machineGraph.AddVertex(vertex);
    }

    private List<MachineVertex> SplitVertex(MachineGraph machineGraph, ApplicationVertex vertex)
    {
        var slices = (vertex.Splitter ?? DefaultSplitter).Split(vertex, Budget);
        var expected = 0;
        var vertices = new List<MachineVertex>(slices.Count);
        foreach (var slice in slices)
        {
            if (slice.LoAtom != expected || slice.HiAtom > vertex.AtomCount)
            {
                throw new MappingException(
                    $"the splitter of '{vertex.Label}' returned slice {slice} where atom {expected} was expected; slices must cover atoms 0 to {vertex.AtomCount - 1} in order");
            }

            expected = slice.HiAtom;
            var resources = vertex.ResourcesFor(slice);
            var machineVertex = vertex.CreateMachineVertex(slice, resources);
            machineVertex.AttachTo(vertex, slice);
            vertices.Add(AddChecked(machineGraph, machineVertex));
        }

        if (expected != vertex.AtomCount)
        {
            throw new MappingException($"the splitter of '{vertex.Label}' covered atoms 0 to {expected - 1} of {vertex.AtomCount}");
        }

        return vertices;
    }
}
