using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Routing;

namespace SpiNNaker.Toolchain.Tests;

public class RouterTests
{
    private static (MachineGraph Graph, PlacementSet Placements, OutgoingEdgePartition Partition) Star(CoreLocation source, params CoreLocation[] targets)
    {
        var (graph, v) = GraphBuilders.Vertices(targets.Length + 1);
        var placements = new PlacementSet();
        placements.Add(v[0], source);
        for (var i = 0; i < targets.Length; i++)
        {
            placements.Add(v[i + 1], targets[i]);
            graph.AddEdge(v[0], v[i + 1], "out");
        }

        return (graph, placements, graph.Partitions[0]);
    }

    /// <summary>Follows the tree's own routes from the root: the cores reached, failing on loops or dead links.</summary>
    private static List<CoreLocation> Deliveries(MulticastTree tree, SpiNNakerMachine machine)
    {
        var reached = new List<CoreLocation>();
        var seen = new HashSet<ChipCoordinate>();
        var pending = new Queue<ChipCoordinate>([tree.SourceChip]);
        while (pending.Count > 0)
        {
            var chip = pending.Dequeue();
            Assert.True(seen.Add(chip), $"chip {chip} is reached twice");
            var hop = tree[chip];
            reached.AddRange(hop.Route.Cores.Select(p => new CoreLocation(chip, p)));
            foreach (var link in hop.Route.Links)
            {
                Assert.True(machine.TryGetNeighbour(chip, link, out var next), $"link {link} of {chip} does not work");
                Assert.Equal(link, tree[next].ArrivedBy);
                pending.Enqueue(next);
            }
        }

        Assert.Equal(tree.Hops.Count, seen.Count); // no hop is unreachable
        return reached;
    }

    [Fact]
    public void OneTarget_TakesAShortestPath()
    {
        var machine = MachineBuilder.SpiNN5();
        var (graph, placements, partition) = Star(new CoreLocation(0, 0, 1), new CoreLocation(4, 7, 3));

        var tree = new NeighbourExploringRouter().Route(graph, placements, machine).Trees.Single();

        Assert.Equal(machine.Distance(new ChipCoordinate(0, 0), new ChipCoordinate(4, 7)), tree.LinkCount);
        Assert.Equal([new CoreLocation(4, 7, 3)], Deliveries(tree, machine));
        Assert.Same(partition, tree.Partition);
    }

    [Fact]
    public void TargetsAlongOnePath_ShareItsLinks()
    {
        var machine = MachineBuilder.SpiNN5();
        var (graph, placements, _) = Star(new CoreLocation(0, 0, 1), new CoreLocation(1, 0, 1), new CoreLocation(2, 0, 1), new CoreLocation(3, 0, 1), new CoreLocation(3, 0, 2));

        var tree = new NeighbourExploringRouter().Route(graph, placements, machine).Trees.Single();

        Assert.Equal(3, tree.LinkCount);
        Assert.Equal(4, Deliveries(tree, machine).Count);
    }

    [Fact]
    public void ManyTargets_EveryTargetCoreReachedExactlyOnce_NoLoops()
    {
        var machine = MachineBuilder.Triads(1, 1);
        var random = new Random(5);
        var targets = machine.ApplicationCores.OrderBy(_ => random.Next()).Take(300).ToArray();
        var (graph, placements, _) = Star(new CoreLocation(6, 6, 17), targets);

        var tree = new NeighbourExploringRouter().Route(graph, placements, machine).Trees.Single();

        var reached = Deliveries(tree, machine);
        Assert.Equal(targets.OrderBy(c => (c.X, c.Y, c.P)), reached.OrderBy(c => (c.X, c.Y, c.P)));
        Assert.True(tree.LinkCount < targets.Select(t => t.Chip).Distinct().Sum(c => machine.Distance(new ChipCoordinate(6, 6), c)), "branches share no links");
    }

    [Fact]
    public void DeadChipOnTheStraightPath_IsRoutedAroundByAShortestDetour()
    {
        // (0,0) -> (4,0) along the bottom row; (2,0) is dead, so the packet must leave the row.
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadChips = [new ChipCoordinate(2, 0)] });
        var (graph, placements, _) = Star(new CoreLocation(0, 0, 1), new CoreLocation(4, 0, 1));

        var tree = new NeighbourExploringRouter().Route(graph, placements, machine).Trees.Single();

        Assert.DoesNotContain(tree.Hops, h => h.Chip == new ChipCoordinate(2, 0));
        Assert.Equal([new CoreLocation(4, 0, 1)], Deliveries(tree, machine));
        Assert.Equal(BreadthFirstHops(machine, new ChipCoordinate(0, 0), new ChipCoordinate(4, 0)), tree.LinkCount);
        Assert.Equal(5, tree.LinkCount); // 4 on the ideal grid, one more around the dead chip
    }

    [Fact]
    public void DeadLinksAreNeverUsed()
    {
        var dead = new LinkLocation(new ChipCoordinate(1, 1), Direction.NorthEast);
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [dead] });
        var (graph, placements, _) = Star(new CoreLocation(0, 0, 1), new CoreLocation(3, 3, 1), new CoreLocation(2, 2, 1));

        var tree = new NeighbourExploringRouter().Route(graph, placements, machine).Trees.Single();

        Assert.DoesNotContain(tree.Hops, h => h.Chip == new ChipCoordinate(1, 1) && h.Route.HasLink(Direction.NorthEast));
        Assert.Equal(2, Deliveries(tree, machine).Count); // fails on any dead link
        Assert.Equal(4, tree.LinkCount); // 3 hops around the dead link to (2, 2), then one on to (3, 3)
    }

    [Fact]
    public void TargetCutOffByDeadLinks_ErrorNamesThePartitionAndTheChip()
    {
        var island = new ChipCoordinate(3, 3);
        var machine = MachineBuilder.SpiNN5(new MachineOptions
        {
            DeadLinks = [.. Enum.GetValues<Direction>().Select(d => new LinkLocation(island, d))],
        });
        var (graph, placements, _) = Star(new CoreLocation(0, 0, 1), new CoreLocation(3, 3, 1));

        var e = Assert.Throws<RoutingException>(() => new NeighbourExploringRouter().Route(graph, placements, machine));

        Assert.Contains("v0/out cannot reach chip (3, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("dead chips or links", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionWithoutTargetsHasNoTree_TargetsOnTheSourceChipUseNoLink()
    {
        var (graph, v) = GraphBuilders.Vertices(2);
        graph.AddPartition(v[0], "silent");
        graph.AddEdge(v[1], v[0], "local");
        var placements = new PlacementSet();
        placements.Add(v[0], new CoreLocation(0, 0, 1));
        placements.Add(v[1], new CoreLocation(0, 0, 2));

        var trees = new NeighbourExploringRouter().Route(graph, placements, MachineBuilder.SpiNN3());

        var tree = Assert.Single(trees.Trees);
        Assert.Equal("local", tree.Partition.Identifier);
        Assert.Equal(0, tree.LinkCount);
        Assert.Equal(RouteWord.ToCore(1), tree[new ChipCoordinate(0, 0)].Route);
    }

    private static int BreadthFirstHops(SpiNNakerMachine machine, ChipCoordinate from, ChipCoordinate to)
    {
        var distance = new Dictionary<ChipCoordinate, int> { [from] = 0 };
        var queue = new Queue<ChipCoordinate>([from]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var d in Enum.GetValues<Direction>())
            {
                if (machine.TryGetNeighbour(at, d, out var next) && distance.TryAdd(next, distance[at] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return distance[to];
    }
}
