using SpiNNaker.GameOfLife;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator.Tests;

public class GameOfLifeTests
{
    [Fact]
    public void RandomGridOnAWholeSpiNN5_MatchesTheHostEveryGeneration()
    {
        const int generations = 25;
        var machine = MachineBuilder.SpiNN5();
        var sim = new Simulation(machine);
        var initial = LifeGrid.Random(24, 34, density: 0.35, seed: 7);
        var life = new LifeOnSpiNNaker(sim, initial, generations);

        var outcome = life.Run(SimulatedTime.Second);

        Assert.Equal(RunOutcome.AllCoresDone, outcome);
        Assert.Equal(816, life.Placement.Distinct().Count());
        var host = initial;
        for (var g = 0; g <= generations; g++)
        {
            Assert.True(host.Cells.SequenceEqual(life.Generation(g).Cells), $"generation {g} differs from the host");
            host = host.Step();
        }

        var stats = sim.GetStatistics();
        Assert.Equal(0, life.UnexpectedPackets);
        Assert.Equal(0, stats.Totals.Dropped);
        Assert.Equal(816L * 8 * generations, stats.Totals.PacketsReceived);
        Assert.Equal(816L * generations, stats.Totals.PacketsSent);
        Assert.True(host.Cells.Count(c => c) > 0, "the pattern died out; pick another seed so the test stays meaningful");
    }

    [Fact]
    public void GliderOnASpiNN3_CrossesTheTorusAsOnTheHost()
    {
        var cells = new bool[64];
        foreach (var (x, y) in new[] { (1, 0), (2, 1), (0, 2), (1, 2), (2, 2) })
        {
            cells[(y * 8) + x] = true;
        }

        var initial = new LifeGrid(8, 8, cells);
        var life = new LifeOnSpiNNaker(new Simulation(MachineBuilder.SpiNN3()), initial, generations: 32);

        Assert.Equal(RunOutcome.AllCoresDone, life.Run(SimulatedTime.Second));

        // After 32 generations a glider has moved 8 cells diagonally: home again on an 8 x 8 torus.
        Assert.Equal(initial.Cells, life.Generation(32).Cells);
        var host = initial;
        for (var g = 0; g <= 32; g++)
        {
            Assert.Equal(host.Cells, life.Generation(g).Cells);
            host = host.Step();
        }
    }

    [Fact]
    public void GridLargerThanTheMachine_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new LifeOnSpiNNaker(new Simulation(MachineBuilder.SpiNN3()), LifeGrid.Random(10, 10, 0.5, 1), 3));
        Assert.Contains("100 cells", e.Message, StringComparison.Ordinal);
        Assert.Contains("68", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MulticastTrees_DeliverEachKeyExactlyOnceToItsTargetsOnly()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [new(new(2, 2), Direction.East)], DeadChips = [new(3, 4)] });
        var source = new CoreLocation(2, 2, 1);
        CoreLocation[] targets = [new(3, 2, 5), new(4, 4, 2), new(4, 4, 3), new(7, 7, 1), new(2, 2, 9), new(0, 3, 17)];
        var sim = new Simulation(machine);
        sim.LoadRoutingTables(MulticastTrees.Build(machine, [new MulticastTrees.Net(0x42, source, targets)]));
        var probes = machine.ApplicationCores.Where(c => c != source).ToDictionary(c => c, _ => new Probe());
        foreach (var (core, probe) in probes)
        {
            sim.LoadApplication(core, probe);
        }

        sim.LoadApplication(source, new Probe { Start = c => c.Send(0x42) });
        sim.Run(100 * SimulatedTime.Microsecond);

        Assert.All(probes, p => Assert.Equal(targets.Contains(p.Key) ? 1 : 0, p.Value.Received.Count));
        Assert.Equal(0, sim.GetStatistics().Totals.Dropped);
        Assert.Equal(0, sim.GetStatistics().Totals.DefaultRouted);
    }
}
