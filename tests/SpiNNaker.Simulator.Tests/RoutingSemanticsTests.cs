using SpiNNaker.Machine;
using static SpiNNaker.Simulator.Tests.Fixtures;

namespace SpiNNaker.Simulator.Tests;

public class RoutingSemanticsTests
{
    private static readonly ChipCoordinate Origin = new(0, 0);

    [Fact]
    public void FirstMatchingEntryDecides_AndMasksSelectKeyRanges()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        sim.LoadRoutingTable(Origin, Table(
            (0x10, 0xFFFFFFFF, Cores(1)),
            (0x10, 0xFFFFFFF0, Cores(2)),
            (0x00, 0x00000000, Cores(3))));
        var probes = new[] { new Probe(), new Probe(), new Probe() };
        for (var i = 0; i < 3; i++)
        {
            sim.LoadApplication(new(0, 0, i + 1), probes[i]);
        }

        sim.InjectMulticast(Origin, 0x10);
        sim.InjectMulticast(Origin, 0x1F);
        sim.InjectMulticast(Origin, 0x20);
        sim.Run(10 * SimulatedTime.Microsecond);

        Assert.Equal([0x10u], probes[0].Received.Select(r => r.Key));
        Assert.Equal([0x1Fu], probes[1].Received.Select(r => r.Key));
        Assert.Equal([0x20u], probes[2].Received.Select(r => r.Key));
        Assert.Equal(3, sim.GetStatistics().Routers[0].Routed);
    }

    [Fact]
    public void UnmatchedPacketFromALink_GoesStraightThrough()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        var probe = new Probe();
        sim.LoadApplication(new(3, 1, 4), probe);
        sim.LoadRoutingTable(new(3, 1), Table((0x55, 0xFFFFFFFF, Cores(4))));

        // Arrives at (2, 1) over its West link, i.e. travelling east: no entry there.
        sim.InjectMulticast(new(2, 1), 0x55, arrivingOver: Direction.West);
        sim.Run(10 * SimulatedTime.Microsecond);

        var stats = sim.GetStatistics();
        var middle = stats.Routers.Single(r => r.Chip == new ChipCoordinate(2, 1));
        Assert.Equal(1, middle.DefaultRouted);
        Assert.Equal(0, middle.Routed);
        Assert.Equal(1, stats.Links.Single(l => l.Chip == new ChipCoordinate(2, 1) && l.Direction == Direction.East).Packets);
        // Injection reaches (2, 1)'s output after one router latency, then one link and one more
        // router; the callback runs after the receive interrupt's cycles.
        Assert.Equal([Hop + Link40 + Hop + Rx], probe.Received.Select(r => r.Time));
    }

    [Fact]
    public void UnmatchedLocalPacket_IsLostAndCounted()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        var sender = new Probe { Start = c => c.Send(0x77) };
        sim.LoadApplication(new(2, 2, 1), sender);
        sim.Run(10 * SimulatedTime.Microsecond);

        var router = sim.GetStatistics().Routers.Single(r => r.Chip == new ChipCoordinate(2, 2));
        Assert.Equal(1, router.LostNoRoute);
        Assert.Equal(1, router.Lost);
        Assert.Equal(0, sim.GetStatistics().Totals.LinkPackets);
    }

    [Fact]
    public void OnePacketReachesSeveralCoresAndLinks_ExactlyOnceEach()
    {
        var machine = MachineBuilder.SpiNN5();
        var sim = new Simulation(machine);
        sim.LoadRoutingTable(new(1, 1), Table((0xA0, 0xFFFFFFFF, Cores(2, 3).WithLink(Direction.East).WithLink(Direction.North))));
        sim.LoadRoutingTable(new(2, 1), Table((0xA0, 0xFFFFFFFF, Cores(5))));
        sim.LoadRoutingTable(new(1, 2), Table((0xA0, 0xFFFFFFFF, Cores(6, 7))));
        var targets = new Dictionary<CoreLocation, Probe>
        {
            [new(1, 1, 2)] = new(),
            [new(1, 1, 3)] = new(),
            [new(2, 1, 5)] = new(),
            [new(1, 2, 6)] = new(),
            [new(1, 2, 7)] = new(),
        };
        foreach (var (core, probe) in targets)
        {
            sim.LoadApplication(core, probe);
        }

        var sender = new Probe { Start = c => c.Send(0xA0, 42) };
        sim.LoadApplication(new(1, 1, 1), sender);
        sim.Run(20 * SimulatedTime.Microsecond);

        Assert.All(targets.Values, p => Assert.Equal([(0xA0u, (uint?)42u)], p.Received.Select(r => (r.Key, r.Payload))));
        var stats = sim.GetStatistics();
        Assert.Equal(2, stats.Totals.LinkPackets);
        Assert.Equal(5, stats.Totals.PacketsReceived);
        Assert.Equal(1, stats.Totals.PacketsSent);
        // Replication happens in the router: one traversal at the source and one at each neighbour.
        Assert.Equal(3, stats.Routers.Sum(r => r.Traversals));
        // Local copies leave after the send cost and one router latency; remote ones cross a 72-bit link.
        var sendAt = Cost.SendPacketCycles * Cycle;
        Assert.Equal(sendAt + Hop + Rx, targets[new(1, 1, 2)].Received[0].Time);
        Assert.Equal(sendAt + Hop + Link72 + Hop + Rx, targets[new(2, 1, 5)].Received[0].Time);
    }

    [Fact]
    public void PacketsOverSeveralHops_ArriveAfterLatencyPlusSerialisationPerHop()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        var probe = new Probe();
        sim.LoadApplication(new(3, 0, 1), probe);
        sim.LoadRoutingTable(new(0, 0), Table((1, 0xFFFFFFFF, Links(Direction.East))));
        sim.LoadRoutingTable(new(3, 0), Table((1, 0xFFFFFFFF, Cores(1))));

        // Two back-to-back packets: the second waits for the first to be serialised, then in the
        // communications controller until the core has taken the first (the receive interrupt).
        sim.InjectMulticast(new(0, 0), 1);
        sim.InjectMulticast(new(0, 0), 1);
        sim.Run(10 * SimulatedTime.Microsecond);

        var first = Hop + (3 * (Link40 + Hop));
        Assert.True(Link40 < Rx);
        Assert.Equal([first + Rx, first + Rx + Rx], probe.Received.Select(r => r.Time));
        Assert.Equal(2, sim.GetStatistics().Routers.Single(r => r.Chip == new ChipCoordinate(1, 0)).DefaultRouted);
    }

    [Fact]
    public void DeadLinkIsNotUsed_WhenTheTableRoutesAroundIt()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [new(new(1, 1), Direction.East)] });
        var path = machine.ShortestPath(new(1, 1), new(2, 1))!;
        Assert.Equal([Direction.NorthEast, Direction.South], path);
        var sim = new Simulation(machine);
        sim.LoadRoutingTable(new(1, 1), Table((9, 0xFFFFFFFF, Links(Direction.NorthEast))));
        sim.LoadRoutingTable(new(2, 2), Table((9, 0xFFFFFFFF, Links(Direction.South))));
        sim.LoadRoutingTable(new(2, 1), Table((9, 0xFFFFFFFF, Cores(1))));
        var probe = new Probe();
        sim.LoadApplication(new(2, 1, 1), probe);

        sim.InjectMulticast(new(1, 1), 9);
        sim.Run(10 * SimulatedTime.Microsecond);

        var stats = sim.GetStatistics();
        Assert.Single(probe.Received);
        Assert.DoesNotContain(stats.Links, l => l.Chip == new ChipCoordinate(1, 1) && l.Direction == Direction.East);
        Assert.Equal(0, stats.Totals.Dropped);
        Assert.Equal(0, stats.Totals.EmergencyRouted);
    }

    [Fact]
    public void TableRoutingIntoADeadLink_LosesThePacketVisibly()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [new(new(1, 1), Direction.East)] });
        var sim = new Simulation(machine, options: new SimulationOptions { EmergencyRouting = false });
        sim.LoadRoutingTable(new(1, 1), Table((9, 0xFFFFFFFF, Links(Direction.East))));
        sim.LoadRoutingTable(new(2, 1), Table((9, 0xFFFFFFFF, Cores(1))));
        var probe = new Probe();
        sim.LoadApplication(new(2, 1, 1), probe);

        sim.InjectMulticast(new(1, 1), 9);
        sim.Run(10 * SimulatedTime.Microsecond);

        var router = sim.GetStatistics().Routers.Single(r => r.Chip == new ChipCoordinate(1, 1));
        Assert.Empty(probe.Received);
        Assert.Equal(1, router.Dropped);
        Assert.Equal(1, router.LostWithoutReinjector);
    }

    [Fact]
    public void TableRoutingIntoADeadLink_IsEmergencyRoutedAroundItAfterWait1()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [new(new(1, 1), Direction.East)] });
        var sim = new Simulation(machine);
        sim.LoadRoutingTable(new(1, 1), Table((9, 0xFFFFFFFF, Links(Direction.East))));
        sim.LoadRoutingTable(new(2, 1), Table((9, 0xFFFFFFFF, Cores(1))));
        var probe = new Probe();
        sim.LoadApplication(new(2, 1, 1), probe);

        sim.InjectMulticast(new(1, 1), 9);
        sim.Run(10 * SimulatedTime.Microsecond);

        var stats = sim.GetStatistics();
        Assert.Single(probe.Received);
        Assert.Equal(1, stats.Routers.Single(r => r.Chip == new ChipCoordinate(1, 1)).EmergencyRouted);
        // Around the triangle: north-east to (2, 2), then south, with wait1 spent first.
        Assert.Equal(1, stats.Links.Single(l => l.Chip == new ChipCoordinate(2, 2) && l.Direction == Direction.South).Packets);
        var wait1 = SimulationOptions.DefaultWait1Cycles * Cost.RouterCyclePicoseconds;
        Assert.Equal(Hop + wait1 + (2 * (Link40 + Hop)) + Rx, probe.Received[0].Time);
        Assert.Equal(0, stats.Totals.Dropped);
    }

    [Fact]
    public void LoadingMoreThan1023Entries_IsAnErrorNamingTheChip()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var big = new RoutingTable(Enumerable.Range(0, 1024).Select(k => new RoutingEntry((uint)k, 0xFFFFFFFF, Cores(1))), capacity: 4096);

        var e = Assert.Throws<RoutingTableOverflowException>(() => sim.LoadRoutingTable(new(1, 0), big));

        Assert.Contains("(1, 0)", e.Message, StringComparison.Ordinal);
        Assert.Equal(1024, e.RequestedEntries);
    }
}
