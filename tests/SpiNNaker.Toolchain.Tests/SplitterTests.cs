using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Splitting;

namespace SpiNNaker.Toolchain.Tests;

public class SplitterTests
{
    [Fact]
    public void ResourceSplitter_FitsAsManyAtomsAsDtcmAllows_ThenBalances()
    {
        // 440 B per core + 1,000 B per atom: floor((61,440 - 440) / 1,000) = 61 atoms fit;
        // 200 atoms need ceil(200 / 61) = 4 cores, balanced to 50 each.
        var vertex = new SimpleApplicationVertex("layer", 200, new ResourceRequirements(1_000, 0), new ResourceRequirements(440, 0));

        var slices = ResourceSplitter.Instance.Split(vertex, CoreBudget.SpiNNaker1);

        Assert.Equal([new Slice(0, 50), new Slice(50, 50), new Slice(100, 50), new Slice(150, 50)], slices);
    }

    [Fact]
    public void ResourceSplitter_HonoursMaxAtomsPerCoreAndCycleBudget()
    {
        // 10 atoms, at most 3 per core: 4 cores, balanced.
        var capped = new SimpleApplicationVertex("capped", 10, new ResourceRequirements(1, 0), maxAtomsPerCore: 3);
        Assert.Equal([3, 3, 2, 2], ResourceSplitter.Instance.Split(capped, CoreBudget.SpiNNaker1).Select(s => s.Count));

        // 1 ms timestep = 200,000 cycles; 30,000 cycles per atom -> 6 atoms per core.
        var busy = new SimpleApplicationVertex("busy", 12, new ResourceRequirements(1, 0, 30_000));
        var budget = CoreBudget.SpiNNaker1 with { CyclesPerTimestep = CoreBudget.CyclesFor(1_000) };
        Assert.Equal([6, 6], ResourceSplitter.Instance.Split(busy, budget).Select(s => s.Count));
    }

    [Fact]
    public void ResourceSplitter_OneAtomTooBigForACore_NamesTheVertexAndTheNumbers()
    {
        var vertex = new SimpleApplicationVertex("huge", 4, new ResourceRequirements(70_000, 0));

        var e = Assert.Throws<ResourceException>(() => ResourceSplitter.Instance.Split(vertex, CoreBudget.SpiNNaker1));

        Assert.Contains("'huge'", e.Message, StringComparison.Ordinal);
        Assert.Contains("DTCM 70,000 B > 61,440 B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedSizeSplitter_MakesSlicesOfTheGivenSize()
    {
        var vertex = new SimpleApplicationVertex("v", 7, new ResourceRequirements(1, 0)) { Splitter = new FixedSizeSplitter(3) };
        var graph = new ApplicationGraph();
        graph.AddVertex(vertex);

        var machine = new GraphSplitter().Split(graph);

        Assert.Equal([new Slice(0, 3), new Slice(3, 3), new Slice(6, 1)], machine.Vertices.Select(v => v.Slice));
        Assert.All(machine.Vertices, v => Assert.Same(vertex, v.Application));
    }

    [Fact]
    public void GraphSplitter_AllToAllEdgesConnectEverySlicePair_AndEverySourceSliceGetsAPartition()
    {
        var (graph, layers) = GraphBuilders.Layers(atomsPerCore: 4, 8, 12);

        var machine = new GraphSplitter().Split(graph);

        var sources = machine.MachineVerticesOf(layers[0]);
        var targets = machine.MachineVerticesOf(layers[1]);
        Assert.Equal(2, sources.Count);
        Assert.Equal(3, targets.Count);
        Assert.Equal(2, machine.Partitions.Count);
        Assert.Equal(6, machine.EdgeCount);
        Assert.All(machine.Partitions, p => Assert.Equal(targets, p.Targets));
        Assert.All(machine.Partitions, p => Assert.Equal(4, p.KeyCount)); // one key per atom
    }

    [Fact]
    public void GraphSplitter_ConnectivityDecidesWhichSlicePairsGetAnEdge()
    {
        var graph = new ApplicationGraph();
        var a = graph.AddVertex(new SimpleApplicationVertex("a", 9, new ResourceRequirements(1, 0), maxAtomsPerCore: 3));
        var b = graph.AddVertex(new SimpleApplicationVertex("b", 9, new ResourceRequirements(1, 0), maxAtomsPerCore: 3));
        var c = graph.AddVertex(new SimpleApplicationVertex("c", 9, new ResourceRequirements(1, 0), maxAtomsPerCore: 3));
        graph.AddEdge(a, b, "one", OneToOneConnectivity.Instance);
        graph.AddEdge(a, c, "list", new ConnectionListConnectivity([(0, 8), (7, 0), (8, 1)]));

        var machine = new GraphSplitter().Split(graph);

        string Edges(string id) => string.Join(" ", machine.Partitions.Where(p => p.Identifier == id)
            .SelectMany(p => p.Targets.Select(t => $"{p.Source.Label}>{t.Label}")));
        Assert.Equal("a[0:3)>b[0:3) a[3:6)>b[3:6) a[6:9)>b[6:9)", Edges("one"));
        Assert.Equal("a[0:3)>c[6:9) a[6:9)>c[0:3)", Edges("list"));
        Assert.Equal(3, machine.Partitions.Count(p => p.Identifier == "list")); // a[3:6) keeps an empty partition
    }

    [Fact]
    public void GraphSplitter_FixedKeysOnASourceSplitIntoSeveralCores_IsAnError()
    {
        var (graph, layers) = GraphBuilders.Layers(atomsPerCore: 2, 4, 4);
        graph.AddPartition(layers[0], "forward").FixedKeys = new FixedKeyAndMask(0x1000, 0xFFFFFFF0);

        var e = Assert.Throws<MappingException>(() => new GraphSplitter().Split(graph));

        Assert.Contains("split into 2 machine vertices", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplicationGraph_EdgeToAVertexNotInTheGraph_IsAnError()
    {
        var graph = new ApplicationGraph();
        var a = graph.AddVertex(new SimpleMachineVertex("a", ResourceRequirements.None));
        var stranger = new SimpleMachineVertex("stranger", ResourceRequirements.None);

        var e = Assert.Throws<ArgumentException>(() => graph.AddEdge(a, stranger, "x"));
        Assert.Contains("'stranger'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => graph.AddVertex(a));
    }
}
