using SpiNNaker.Machine;
using static SpiNNaker.Simulator.Tests.Fixtures;

namespace SpiNNaker.Simulator.Tests;

public class BackPressureTests
{
    private static readonly ChipCoordinate Chip = new(1, 1);

    /// <summary>Core 1 sends <paramref name="count"/> packets at once to core 2 of the same chip, which is slow to handle them.</summary>
    private static (Simulation Sim, Probe Receiver) SlowReceiver(int count, long receiverCycles, SimulationOptions? options = null)
    {
        var sim = new Simulation(MachineBuilder.SpiNN5(), options: options);
        sim.LoadRoutingTable(Chip, Table((0xB0, 0xFFFFFFF0, Cores(2))));
        var receiver = new Probe { PacketPriority = CallbackPriority.Immediate, PacketCycles = receiverCycles };
        sim.LoadApplication(new(1, 1, 2), receiver);
        sim.LoadApplication(new(1, 1, 1), new Probe
        {
            Start = c =>
            {
                for (uint i = 0; i < count; i++)
                {
                    Assert.True(c.Send(0xB0 + i));
                }
            },
        });
        return (sim, receiver);
    }

    [Fact]
    public void ACoreThatCannotKeepUp_MakesItsRouterDropPackets()
    {
        // 20 us per packet: the first is taken, the second waits in the communications
        // controller, every later one blocks the router for wait1 and is dropped.
        var (sim, receiver) = SlowReceiver(10, receiverCycles: 4_000);

        sim.Run(SimulatedTime.Millisecond);

        var router = sim.GetStatistics().Routers.Single(r => r.Chip == Chip);
        Assert.Equal([0xB0u, 0xB1u], receiver.Received.Select(r => r.Key));
        Assert.Equal(8, router.Dropped);
        Assert.Equal(8, router.LostWithoutReinjector);
        Assert.Equal(0, router.Reinjected);
    }

    [Fact]
    public void TheReinjector_RecoversEveryDroppedPacket()
    {
        var (sim, receiver) = SlowReceiver(10, receiverCycles: 4_000, new SimulationOptions { Reinjection = true });

        sim.Run(SimulatedTime.Millisecond);

        var router = sim.GetStatistics().Routers.Single(r => r.Chip == Chip);
        Assert.Equal(10, receiver.Received.Count);
        Assert.Equal(Enumerable.Range(0xB0, 10).Select(k => (uint)k).Order(), receiver.Received.Select(r => r.Key).Order());
        Assert.True(router.Dropped >= 8, $"dropped {router.Dropped}");
        Assert.Equal(router.Dropped, router.Reinjected);
        Assert.Equal(0, router.Lost);
    }

    [Fact]
    public void ASecondDropBeforeTheRegisterIsRead_IsLostForGood()
    {
        // wait1 = wait2 = 0: a blocked packet is dropped the moment it blocks. Five cores send
        // at the same instant to a slow core: two are taken or held, the third is dropped and
        // latched, the fourth and fifth are dropped before the reinjector has read the register.
        var options = new SimulationOptions { Reinjection = true, RouterWait1Cycles = 0, RouterWait2Cycles = 0 };
        var sim = new Simulation(MachineBuilder.SpiNN5(), options: options);
        sim.LoadRoutingTable(Chip, Table((0xB0, 0xFFFFFFF0, Cores(2))));
        var receiver = new Probe { PacketPriority = CallbackPriority.Immediate, PacketCycles = 4_000 };
        sim.LoadApplication(new(1, 1, 2), receiver);
        for (uint i = 0; i < 5; i++)
        {
            var key = 0xB0 + i;
            sim.LoadApplication(new(1, 1, 3 + (int)i), new Probe { Start = c => c.Send(key) });
        }

        sim.Run(SimulatedTime.Millisecond);

        var router = sim.GetStatistics().Routers.Single(r => r.Chip == Chip);
        Assert.Equal(2, router.LostSecondDrop);
        Assert.Equal([0xB0u, 0xB1u, 0xB2u], receiver.Received.Select(r => r.Key));
        Assert.True(router.Reinjected >= 1);
        Assert.Equal(router.Dropped - 2, router.Reinjected);
    }

    [Fact]
    public void WithoutTheReinjector_wait1Is240CyclesAndWithIt480()
    {
        Assert.Equal(240, new SimulationOptions().EffectiveWait1Cycles);
        Assert.Equal(480, new SimulationOptions { Reinjection = true }.EffectiveWait1Cycles);
        Assert.Equal(10, new SimulationOptions { Reinjection = true, RouterWait1Cycles = 10 }.EffectiveWait1Cycles);
    }

    [Fact]
    public void ACoreThatKeepsUpWithinWait1_PushesBackWithoutDrops()
    {
        // Receive interrupt only (500 ns per packet): the router waits for the core, never as long as wait1.
        var (sim, receiver) = SlowReceiver(6, receiverCycles: 0);

        sim.Run(100 * SimulatedTime.Microsecond);

        Assert.Equal(6, receiver.Received.Count);
        Assert.Equal(0, sim.GetStatistics().Totals.Dropped);
        var gaps = receiver.Received.Zip(receiver.Received.Skip(1), (a, b) => b.Time - a.Time).Distinct();
        Assert.Equal([Rx], gaps);
    }

    [Fact]
    public void AFullCallbackQueue_LosesCallbacksAndCountsThem()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        sim.LoadRoutingTable(Chip, Table((0xC0, 0xFFFFFFF0, Cores(2))));
        var first = true;
        var receiver = new Probe
        {
            PacketPriority = CallbackPriority.FirstQueued,
            Packet = (c, _, _) =>
            {
                // The first callback keeps the core's thread busy for 5 ms.
                if (first)
                {
                    first = false;
                    c.ChargeCycles(1_000_000);
                }
            },
        };
        sim.LoadApplication(new(1, 1, 2), receiver);
        sim.LoadApplication(new(1, 1, 1), new Probe
        {
            Start = c =>
            {
                // One packet per microsecond: the receive interrupt (0.5 us) keeps up.
                for (uint i = 0; i < 20; i++)
                {
                    c.Send(0xC0 + (i % 16));
                    c.ChargeCycles(200 - Cost.SendPacketCycles);
                }
            },
        });

        sim.Run(10 * SimulatedTime.Millisecond);

        var core = sim.GetStatistics().Cores.Single(c => c.Core == new CoreLocation(1, 1, 2));
        Assert.Equal(20, core.Received);
        Assert.Equal(4, core.LostCallbacks);
        Assert.Equal(16, receiver.Received.Count);
        Assert.Equal(0, sim.GetStatistics().Totals.Dropped);
    }

    [Fact]
    public void SendingWhileTheRouterIsStalled_FillsTheSlotAndSoftwareQueueThenFails()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        sim.LoadRoutingTable(Chip, Table((0xD0, 0xFFFFFFFF, Cores(2)), (0xE0, 0xFFFFFFF0, Cores(4))));
        sim.LoadApplication(new(1, 1, 2), new Probe { PacketPriority = CallbackPriority.Immediate, PacketCycles = 100_000 });
        // Core 3 blocks the router: one packet taken, one held, the third blocks.
        sim.LoadApplication(new(1, 1, 3), new Probe { Start = c => { c.Send(0xD0); c.Send(0xD0); c.Send(0xD0); } });
        var results = new List<bool>();
        sim.LoadApplication(new(1, 1, 1), new Probe
        {
            // At 1 us the router has been stalled since ~0.4 us (wait1 is 1.8 us).
            Start = c => c.SetTimer(1_000, 1),
            Timer = (c, tick) =>
            {
                if (tick == 1)
                {
                    for (uint i = 0; i < 20; i++)
                    {
                        results.Add(c.Send(0xE0 + (i % 16)));
                    }
                }
            },
        });
        var sink = new Probe();
        sim.LoadApplication(new(1, 1, 4), sink);

        sim.Run(100 * SimulatedTime.Microsecond);

        Assert.Equal(Enumerable.Repeat(true, 17).Concat(Enumerable.Repeat(false, 3)), results);
        var stats = sim.GetStatistics();
        Assert.Equal(3, stats.Cores.Single(c => c.Core == new CoreLocation(1, 1, 1)).SendFailures);
        Assert.Equal(17, sink.Received.Count);
        Assert.Equal(1, stats.Totals.Dropped);
    }

    [Fact]
    public void TimerPhases_SpreadSendsInTime()
    {
        static List<long> ArrivalTimes(Func<int, long> phase)
        {
            var sim = new Simulation(MachineBuilder.SpiNN5());
            sim.LoadRoutingTable(Chip, Table((0xF0, 0xFFFFFFF0, Cores(17))));
            var sink = new Probe();
            sim.LoadApplication(new(1, 1, 17), sink);
            for (var i = 0; i < 10; i++)
            {
                var key = 0xF0u + (uint)i;
                var p = phase(i);
                sim.LoadApplication(new(1, 1, i + 1), new Probe
                {
                    Start = c => c.SetTimer(100, p),
                    Timer = (c, tick) => c.Send(key),
                });
            }

            sim.Run(50 * SimulatedTime.Microsecond);
            return [.. sink.Received.Select(r => r.Time)];
        }

        var spread = ArrivalTimes(i => i * 2);
        var together = ArrivalTimes(_ => 0);

        // Spread: each send arrives on its own, after the timer interrupt, the send and one router.
        var path = ((Cost.TimerInterruptCycles + Cost.SendPacketCycles) * Cycle) + Hop + Rx;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (i * 2 * SimulatedTime.Microsecond) + path), spread);
        // Together: they queue at the receiving core, one receive interrupt apart.
        Assert.Equal(Enumerable.Range(0, 10).Select(i => path + (i * Rx)), together);
    }
}
