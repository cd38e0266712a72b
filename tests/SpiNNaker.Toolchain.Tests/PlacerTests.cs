using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Tests;

public class PlacerTests
{
    [Fact]
    public void EveryVertexGetsItsOwnWorkingApplicationCore_AvoidingDeadCores()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadCores = [new CoreLocation(0, 0, 1), new CoreLocation(0, 0, 2)] });
        var (graph, vertices) = GraphBuilders.Vertices(machine.ApplicationCoreCount);

        var placements = new ConnectivePlacer().Place(graph, machine);

        Assert.Equal(814, placements.Count);
        Assert.Equal(814, placements.Select(p => p.Core).Distinct().Count());
        Assert.All(placements, p => Assert.True(machine.IsApplicationCore(p.Core), $"{p.Core} is not an application core"));
        Assert.DoesNotContain(placements, p => p.Core == new CoreLocation(0, 0, 1) || p.Core == new CoreLocation(0, 0, 2));
    }

    [Fact]
    public void FillsChipsRadiallyFromTheEthernetChip()
    {
        var machine = MachineBuilder.SpiNN5();
        var (graph, _) = GraphBuilders.Vertices(17 * 4);

        var placements = new ConnectivePlacer().Place(graph, machine);

        // Four full chips: the Ethernet chip and its three neighbours on the board.
        Assert.Equal(4, placements.ChipCount);
        Assert.All(placements.Chips, c => Assert.True(machine.Distance(new ChipCoordinate(0, 0), c) <= 1, $"{c} is not next to the Ethernet chip"));
    }

    [Theory]
    [InlineData(PlacementOrder.BreadthFirst)]
    [InlineData(PlacementOrder.Clusters)]
    public void ConnectedVerticesShareChips_EvenWhenInterleavedInTheGraph(PlacementOrder order)
    {
        // Two cliques of 17 vertices, interleaved in graph order: a placer that filled cores
        // in graph order would mix them on two chips; the connective placer keeps each whole.
        var machine = MachineBuilder.SpiNN5();
        var (graph, v) = GraphBuilders.Vertices(34);
        for (var i = 0; i < 34; i++)
        {
            for (var j = i % 2; j < 34; j += 2)
            {
                if (j != i)
                {
                    graph.AddEdge(v[i], v[j], "x");
                }
            }
        }

        var placements = new ConnectivePlacer { Order = order }.Place(graph, machine);

        for (var i = 2; i < 34; i++)
        {
            Assert.Equal(placements[v[i % 2]].Chip, placements[v[i]].Chip);
        }

        Assert.NotEqual(placements[v[0]].Chip, placements[v[1]].Chip);
    }

    [Fact]
    public void ClusterOrder_OnALocalGrid_NeedsFewerTreeLinksThanBreadthFirst()
    {
        // A 20 x 30 torus grid, each cell sending to its 8 neighbours (the Game of Life).
        var (graph, v) = GraphBuilders.Vertices(600);
        for (var i = 0; i < 600; i++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    if (dx != 0 || dy != 0)
                    {
                        graph.AddEdge(v[i], v[((((i / 20) + dy + 30) % 30) * 20) + (((i % 20) + dx + 20) % 20)], "state");
                    }
                }
            }
        }

        long Links(PlacementOrder order) =>
            new Mapper(new MapperOptions { Placer = new ConnectivePlacer { Order = order } }).Map(graph, MachineBuilder.SpiNN5()).Trees.LinkCount;

        var clusters = Links(PlacementOrder.Clusters);
        var breadthFirst = Links(PlacementOrder.BreadthFirst);

        Assert.True(clusters < breadthFirst * 0.8, $"clusters {clusters} links, breadth-first {breadthFirst}");
    }

    [Theory]
    [InlineData(PlacementOrder.BreadthFirst)]
    [InlineData(PlacementOrder.Clusters)]
    public void EveryOrder_HonoursConstraintsAndDeadCores(PlacementOrder order)
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadCores = [new CoreLocation(0, 0, 1)] });
        var (graph, v) = GraphBuilders.Vertices(machine.ApplicationCoreCount);
        for (var i = 0; i + 1 < v.Length; i++)
        {
            graph.AddEdge(v[i], v[i + 1], "chain");
        }

        v[100].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(5, 5), 2));
        v[200].AddConstraint(new SameChipConstraint(v[700]));

        var placements = new ConnectivePlacer { Order = order }.Place(graph, machine);

        Assert.Equal(machine.ApplicationCoreCount, placements.Select(p => p.Core).Distinct().Count());
        Assert.All(placements, p => Assert.True(machine.IsApplicationCore(p.Core)));
        Assert.Equal(new CoreLocation(5, 5, 2), placements[v[100]]);
        Assert.Equal(placements[v[200]].Chip, placements[v[700]].Chip);
    }

    [Fact]
    public void FixedAndSameChipConstraintsAreHonoured()
    {
        var machine = MachineBuilder.SpiNN5();
        var (graph, v) = GraphBuilders.Vertices(40);
        v[5].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(3, 3), 7));
        v[6].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(7, 7)));
        v[7].AddConstraint(new SameChipConstraint(v[6]));
        v[30].AddConstraint(new SameChipConstraint(v[31]));

        var placements = new ConnectivePlacer().Place(graph, machine);

        Assert.Equal(new CoreLocation(3, 3, 7), placements[v[5]]);
        Assert.Equal(new ChipCoordinate(7, 7), placements[v[6]].Chip);
        Assert.Equal(new ChipCoordinate(7, 7), placements[v[7]].Chip);
        Assert.Equal(placements[v[30]].Chip, placements[v[31]].Chip);
    }

    [Fact]
    public void ApplicationVertexConstraintAppliesToAllItsMachineVertices()
    {
        var (graph, layers) = GraphBuilders.Layers(atomsPerCore: 2, 6);
        layers[0].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(1, 1)));
        var machineGraph = new Splitting.GraphSplitter().Split(graph);

        var placements = new ConnectivePlacer().Place(machineGraph, MachineBuilder.SpiNN5());

        Assert.All(machineGraph.Vertices, m => Assert.Equal(new ChipCoordinate(1, 1), placements[m].Chip));
    }

    [Fact]
    public void SdramOfAChipIsShared_NoChipGetsMoreThanItHas()
    {
        // 50,000,000 B each: 123,469,792 B per chip holds two.
        var machine = MachineBuilder.SpiNN3();
        var (graph, _) = GraphBuilders.Vertices(8, new ResourceRequirements(100, 50_000_000));

        var placements = new ConnectivePlacer().Place(graph, machine);

        Assert.Equal(4, placements.ChipCount);
        Assert.All(placements.Chips, c => Assert.Equal(2, placements.VerticesOn(c).Count));
    }

    [Fact]
    public void GraphTooBig_ErrorSaysHowManyCoresAreNeededAndAvailable()
    {
        var machine = MachineBuilder.SpiNN5();
        var (graph, _) = GraphBuilders.Vertices(817);

        var e = Assert.Throws<PlacementException>(() => new ConnectivePlacer().Place(graph, machine));

        Assert.Contains("needs 817 cores", e.Message, StringComparison.Ordinal);
        Assert.Contains("816 application cores on 48 usable chips", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 vertices do not fit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SdramExhausted_ErrorNamesTheVertexItsNeedsAndWhatIsFree()
    {
        var machine = MachineBuilder.SpiNN3();
        var (graph, _) = GraphBuilders.Vertices(9, new ResourceRequirements(100, 50_000_000));

        var e = Assert.Throws<PlacementException>(() => new ConnectivePlacer().Place(graph, machine));

        Assert.Contains("machine vertex 'v8' (needs DTCM 100 B, SDRAM 50,000,000 B)", e.Message, StringComparison.Ordinal);
        Assert.Contains("8 of 9 vertices placed", e.Message, StringComparison.Ordinal);
        Assert.Contains("free: 60 application cores on 4 chips", e.Message, StringComparison.Ordinal);
        Assert.Contains("the most free SDRAM on a chip with a free core is 23,469,792 B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedCoreThatIsDeadOrTaken_IsAnErrorNamingIt()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadCores = [new CoreLocation(2, 2, 4)] });
        var (graph, v) = GraphBuilders.Vertices(3);
        v[0].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(2, 2), 4));
        var dead = Assert.Throws<PlacementException>(() => new ConnectivePlacer().Place(graph, machine));
        Assert.Contains("'v0' is fixed to core (2, 2, 4), but it is not an application core", dead.Message, StringComparison.Ordinal);

        var (graph2, w) = GraphBuilders.Vertices(3);
        w[0].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(2, 2), 5));
        w[1].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(2, 2), 5));
        var taken = Assert.Throws<PlacementException>(() => new ConnectivePlacer().Place(graph2, machine));
        Assert.Contains("it already runs 'v0'", taken.Message, StringComparison.Ordinal);

        var (graph3, u) = GraphBuilders.Vertices(2);
        u[0].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(7, 0)));
        var missing = Assert.Throws<PlacementException>(() => new ConnectivePlacer().Place(graph3, machine));
        Assert.Contains("chip (7, 0), which is not a working chip", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChipsCutOffFromTheEthernetChipAreNotUsed()
    {
        // Chip (1, 1) loses all six links: it works but cannot be reached, so it cannot be loaded.
        var island = new ChipCoordinate(1, 1);
        var machine = MachineBuilder.SpiNN5(new MachineOptions
        {
            DeadLinks = [.. Enum.GetValues<Direction>().Select(d => new LinkLocation(island, d))],
        });
        var (graph, _) = GraphBuilders.Vertices(47 * 17);

        var placements = new ConnectivePlacer().Place(graph, machine);

        Assert.DoesNotContain(island, placements.Chips);
        Assert.Equal(47, placements.ChipCount);
    }
}
