namespace SpiNNaker.Machine.Tests;

public class GeometryTests
{
    [Theory]
    [InlineData(0, 0, 3, 3, 3)]
    [InlineData(0, 0, 3, 0, 3)]
    [InlineData(2, 0, 0, 2, 4)]
    [InlineData(4, 7, 0, 0, 7)]
    [InlineData(7, 3, 0, 3, 7)]
    public void Distance_OnASingleBoardUsesTheTriangularGrid(int ax, int ay, int bx, int by, int hops)
    {
        var machine = MachineBuilder.SpiNN5();

        Assert.Equal(hops, machine.Distance(new(ax, ay), new(bx, by)));
        Assert.Equal(hops, machine.Distance(new(bx, by), new(ax, ay)));
    }

    [Theory]
    [InlineData(0, 0, 11, 0, 1)]
    [InlineData(0, 0, 11, 11, 1)]
    [InlineData(0, 0, 6, 6, 6)]
    [InlineData(1, 1, 10, 3, 5)]
    public void Distance_OnATorusTakesTheWrapWhenShorter(int ax, int ay, int bx, int by, int hops)
    {
        var machine = MachineBuilder.Triads(1, 1);

        Assert.Equal(hops, machine.Distance(new(ax, ay), new(bx, by)));
    }

    public static TheoryData<string> Machines => new() { "spinn3", "spinn5", "triad", "torus7x5" };

    [Theory]
    [MemberData(nameof(Machines))]
    public void Distance_EqualsBreadthFirstHopsForEveryPairOfAFaultFreeMachine(string name)
    {
        var machine = Build(name);
        foreach (var from in machine.Chips)
        {
            var hops = BreadthFirstHops(machine, from.Coordinate);
            foreach (var to in machine.Chips)
            {
                Assert.Equal(hops[to.Coordinate], machine.Distance(from.Coordinate, to.Coordinate));
                var path = machine.ShortestPath(from.Coordinate, to.Coordinate)!;
                Assert.Equal(hops[to.Coordinate], path.Count);
                Assert.Equal(to.Coordinate, machine.Walk(from.Coordinate, path).LastOrDefault(from.Coordinate));
            }
        }
    }

    [Fact]
    public void ShortestPath_GoesAroundADeadLink()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [new(new(0, 0), Direction.East)] });

        var path = machine.ShortestPath(new(0, 0), new(1, 0))!;

        Assert.Equal(2, path.Count);
        Assert.DoesNotContain(Direction.East, path.Take(1));
        Assert.Equal(new ChipCoordinate(1, 0), machine.Walk(new(0, 0), path)[^1]);
        Assert.Equal(1, machine.Distance(new(0, 0), new(1, 0)));
    }

    [Fact]
    public void ShortestPath_GoesAroundADeadChipAndMatchesBreadthFirstHops()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadChips = [new(2, 2), new(3, 3)] });
        var hops = BreadthFirstHops(machine, new(1, 1));

        var path = machine.ShortestPath(new(1, 1), new(4, 4))!;

        Assert.Equal(hops[new(4, 4)], path.Count);
        Assert.Equal(4, path.Count);
        Assert.DoesNotContain(new ChipCoordinate(2, 2), machine.Walk(new(1, 1), path));
    }

    [Fact]
    public void ShortestPath_IsNullWhenTheTargetIsCutOff()
    {
        // (0, 0) keeps only links E, NE and N; kill all three.
        var machine = MachineBuilder.SpiNN5(new MachineOptions
        {
            DeadLinks = [new(new(0, 0), Direction.East), new(new(0, 0), Direction.NorthEast), new(new(0, 0), Direction.North)],
        });

        Assert.Null(machine.ShortestPath(new(3, 3), new(0, 0)));
        Assert.Throws<ArgumentException>(() => machine.ShortestPath(new(0, 0), new(7, 0)));
    }

    private static SpiNNakerMachine Build(string name) => name switch
    {
        "spinn3" => MachineBuilder.SpiNN3(),
        "spinn5" => MachineBuilder.SpiNN5(),
        "triad" => MachineBuilder.Triads(1, 1),
        _ => MachineBuilder.VirtualTorus(7, 5),
    };

    // The oracle: hop counts found by flooding the link graph, independent of the vector arithmetic.
    private static Dictionary<ChipCoordinate, int> BreadthFirstHops(SpiNNakerMachine machine, ChipCoordinate from)
    {
        var hops = new Dictionary<ChipCoordinate, int> { [from] = 0 };
        var queue = new Queue<ChipCoordinate>([from]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var d in Enum.GetValues<Direction>())
            {
                if (machine.TryGetNeighbour(at, d, out var next) && !hops.ContainsKey(next))
                {
                    hops[next] = hops[at] + 1;
                    queue.Enqueue(next);
                }
            }
        }

        return hops;
    }
}
