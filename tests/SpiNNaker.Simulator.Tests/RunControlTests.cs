using SpiNNaker.GameOfLife;
using SpiNNaker.Machine;
using static SpiNNaker.Simulator.Tests.Fixtures;

namespace SpiNNaker.Simulator.Tests;

public class RunControlTests
{
    private static readonly CoreLocation Worker = new(0, 0, 1);
    private static readonly CoreLocation Service = new(0, 0, 2);

    /// <summary>A worker that is done at its fifth tick (40 us) beside a service core that ticks for ever.</summary>
    private static Simulation WorkerAndService()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Worker, new Probe { Start = c => c.SetTimer(10), Timer = (c, tick) => { if (tick == 5) { c.Done(); } } });
        sim.LoadApplication(Service, new Probe { Start = c => c.SetTimer(3) });
        return sim;
    }

    [Fact]
    public void RunUntilDone_OfChosenCores_EndsWhenTheCallbackInWhichTheLastOfThemCalledDoneHasEnded()
    {
        var sim = WorkerAndService();

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone([Worker], SimulatedTime.Millisecond));

        // The fifth tick at 40 us and its interrupt; nothing was sent, so nothing drains.
        Assert.Equal((40 * SimulatedTime.Microsecond) + (Cost.TimerInterruptCycles * Cycle), sim.Now);
        Assert.True(sim.IsDone(Worker));
        Assert.False(sim.IsDone(Service));
        Assert.False(sim.AllCoresDone);

        // Already done: returns at once, without moving time.
        var done = sim.Now;
        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone([Worker], SimulatedTime.Millisecond));
        Assert.Equal(done, sim.Now);

        // Waiting for every loaded core instead runs to the limit: the service never finishes.
        Assert.Equal(RunOutcome.TimeElapsed, sim.RunUntilDone(SimulatedTime.Millisecond));
        Assert.Equal(done + SimulatedTime.Millisecond, sim.Now);
    }

    /// <summary>
    /// A worker whose last callback calls Done first, then works for 1 ms and sends 20 results
    /// to a core on the diagonal neighbour chip: the results leave long after the callback began.
    /// </summary>
    private static Simulation HeavyLastCallback(Probe receiver)
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadRoutingTable(new(0, 0), Table((0x100, 0xFFFFFFE0, Links(Direction.NorthEast))));
        sim.LoadRoutingTable(new(1, 1), Table((0x100, 0xFFFFFFE0, Cores(1))));
        sim.LoadApplication(new CoreLocation(1, 1, 1), receiver);
        sim.LoadApplication(Worker, new Probe
        {
            Start = c => c.SetTimer(10),
            Timer = (c, _) =>
            {
                c.Done();
                c.ChargeCycles(200_000);
                for (uint i = 0; i < 20; i++)
                {
                    Assert.True(c.Send(0x100 + i, i * 3));
                }
            },
        });
        return sim;
    }

    [Fact]
    public void RunUntilDone_OfChosenCores_EndsWhenTheLastCallbacksPacketsHaveArrived()
    {
        var receiver = new Probe();
        var sim = HeavyLastCallback(receiver);

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone([Worker], 5 * SimulatedTime.Millisecond));

        Assert.Equal([.. Enumerable.Range(0, 20).Select(i => (uint?)(i * 3))], receiver.Received.Select(r => r.Payload));
        Assert.Equal(0, sim.GetStatistics().Totals.Dropped);

        // The run ends in the event that delivers the last packet (its callback starts one receive interrupt later).
        Assert.Equal(receiver.Received[^1].Time - Rx, sim.Now);
        Assert.True(sim.Now > 200_000 * Cycle);
    }

    [Fact]
    public void RunUntilDone_OfAllCores_LetsTheLastCallbacksPacketsReachTheirCores()
    {
        // The receiver is done at once: it still takes (and discards) every packet that reaches it.
        var sim = HeavyLastCallback(new Probe { Start = c => c.Done() });

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone(5 * SimulatedTime.Millisecond));

        Assert.Equal(20, sim.GetStatistics().Totals.PacketsReceived);
    }

    [Fact]
    public void RunUntilDone_TimeLimitBoundsTheWaitForTheCores_TheDrainMayGoPastIt()
    {
        var receiver = new Probe();
        var sim = HeavyLastCallback(receiver);
        var workerDone = (Cost.TimerInterruptCycles + 200_000 + (20 * Cost.SendPacketCycles)) * Cycle;

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone([Worker], workerDone + SimulatedTime.Microsecond));

        Assert.Equal(20, receiver.Received.Count);
        Assert.True(sim.Now > workerDone + SimulatedTime.Microsecond);
    }

    [Fact]
    public void RunUntilDone_GivesUpDrainingANetworkThatNeverBecomesQuiet_AfterTheDrainLimit()
    {
        // A table loop between two chips: the one packet circles for ever.
        var sim = new Simulation(MachineBuilder.SpiNN3(), CostModel.Default with { DrainLimitPicoseconds = 50 * SimulatedTime.Microsecond });
        sim.LoadRoutingTable(new(0, 0), Table((0x200, 0xFFFFFFFF, Links(Direction.East))));
        sim.LoadRoutingTable(new(1, 0), Table((0x200, 0xFFFFFFFF, Links(Direction.West))));
        sim.LoadApplication(Worker, new Probe { Start = c => { c.Send(0x200); c.Done(); } });

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone(SimulatedTime.Millisecond));

        // Done when OnStart's send has been charged; the drain then runs for its limit.
        Assert.Equal((Cost.SendPacketCycles * Cycle) + (50 * SimulatedTime.Microsecond), sim.Now);
        Assert.False(sim.IsQuiet);
        Assert.True(sim.GetStatistics().Totals.LinkPackets > 100);
    }

    [Fact]
    public void ACore_IsDoneWhenTheCallbackThatCalledDoneHasEnded()
    {
        var sim = HeavyLastCallback(new Probe());

        Assert.Equal(RunOutcome.ConditionMet, sim.RunUntil(() => sim.IsDone(Worker), 5 * SimulatedTime.Millisecond));

        // The first tick (at 0 us), its interrupt, the 1 ms of work and 20 sends.
        Assert.Equal((Cost.TimerInterruptCycles + 200_000 + (20 * Cost.SendPacketCycles)) * Cycle, sim.Now);
    }

    [Fact]
    public void RunUntilDone_OfACoreWithoutApplication_IsAnErrorNamingIt()
    {
        var sim = WorkerAndService();

        var e = Assert.Throws<ArgumentException>(() => sim.RunUntilDone([Worker, new CoreLocation(1, 1, 3)], SimulatedTime.Millisecond));

        Assert.Contains("no application is loaded on core (1, 1, 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunUntilDone_OfChosenCores_ReportsIdleWhenNothingIsLeftToHappen()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Worker, new Probe());

        Assert.Equal(RunOutcome.Idle, sim.RunUntilDone([Worker], SimulatedTime.Millisecond));
        Assert.Equal(0, sim.Now);
    }

    [Fact]
    public void HostActions_RunAtTheirTime_InSchedulingOrder_BeforeTheEventsOfThatTime()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var ticks = new List<long>();
        sim.LoadApplication(Worker, new Probe { Start = c => c.SetTimer(10, 5), Timer = (c, _) => ticks.Add(c.Now) });
        var seen = new List<(string Name, long Now, int TicksSoFar)>();
        sim.ScheduleHostAction(25 * SimulatedTime.Microsecond, () => seen.Add(("b", sim.Now, ticks.Count)));
        sim.ScheduleHostAction(15 * SimulatedTime.Microsecond, () => seen.Add(("a", sim.Now, ticks.Count)));
        sim.ScheduleHostAction(25 * SimulatedTime.Microsecond, () => seen.Add(("c", sim.Now, ticks.Count)));

        Assert.Equal(RunOutcome.TimeElapsed, sim.Run(30 * SimulatedTime.Microsecond));

        // Ticks come at 5, 15, 25 us (each callback starts after the timer interrupt's cycles);
        // an action at 15 us runs before the tick of 15 us.
        Assert.Equal([("a", 15 * SimulatedTime.Microsecond, 1), ("b", 25 * SimulatedTime.Microsecond, 2), ("c", 25 * SimulatedTime.Microsecond, 2)], seen);
        Assert.Equal(3, ticks.Count);
    }

    [Fact]
    public void HostActions_AreNotEvents_AndLeaveTheSimulationBitForBitAsItWas()
    {
        static SimulationStatistics Run(bool withActions)
        {
            var machine = MachineBuilder.SpiNN5();
            var sim = new Simulation(machine, options: new SimulationOptions { Reinjection = true });
            var life = new LifeOnSpiNNaker(sim, LifeGrid.Random(24, 34, 0.4, seed: 5), generations: 4);
            if (withActions)
            {
                void Again() => sim.ScheduleHostAction(sim.Now + (7 * SimulatedTime.Microsecond), Again);
                sim.ScheduleHostAction(0, Again);
            }

            Assert.Equal(RunOutcome.AllCoresDone, life.Run(SimulatedTime.Second));
            return sim.GetStatistics();
        }

        Assert.True(Run(withActions: true).SameAs(Run(withActions: false)));
    }

    [Fact]
    public void AHostAction_CanInjectAPacket_AndTheCoreGetsItOneHopLater()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadRoutingTable(new(0, 0), Table((7, 0xFFFFFFFF, Cores(1))));
        var probe = new Probe();
        sim.LoadApplication(Worker, probe);
        sim.ScheduleHostAction(3 * SimulatedTime.Microsecond, () => sim.InjectMulticast(new(0, 0), 7));

        sim.Run(10 * SimulatedTime.Microsecond);

        Assert.Equal([(7u, (uint?)null, (3 * SimulatedTime.Microsecond) + Hop + Rx)], probe.Received);
    }

    [Fact]
    public void ACancelledHostAction_NeverRuns_AndDoesNotKeepARunAlive()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Worker, new Probe());
        var ran = false;
        var action = sim.ScheduleHostAction(50 * SimulatedTime.Microsecond, () => ran = true);
        Assert.True(action.IsPending);

        action.Cancel();

        Assert.False(action.IsPending);
        Assert.Equal(RunOutcome.Idle, sim.RunUntilDone(SimulatedTime.Millisecond));
        Assert.Equal(RunOutcome.TimeElapsed, sim.Run(SimulatedTime.Millisecond));
        Assert.False(ran);
    }

    [Fact]
    public void APendingHostAction_KeepsARunUntilDoneGoing_AndMayEndItWithStop()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Worker, new Probe());
        var action = sim.ScheduleHostAction(50 * SimulatedTime.Microsecond, sim.Stop);

        Assert.Equal(RunOutcome.StoppedByHost, sim.RunUntilDone(SimulatedTime.Millisecond));

        Assert.Equal(50 * SimulatedTime.Microsecond, sim.Now);
        Assert.False(action.IsPending);
    }

    [Fact]
    public void HostActions_CarryOverBetweenRuns_AndResetDropsThem()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var times = new List<long>();
        sim.ScheduleHostAction(30 * SimulatedTime.Microsecond, () => times.Add(sim.Now));
        var dropped = sim.ScheduleHostAction(90 * SimulatedTime.Microsecond, () => times.Add(sim.Now));

        sim.Run(20 * SimulatedTime.Microsecond);
        sim.Run(20 * SimulatedTime.Microsecond);
        sim.Reset();
        sim.Run(SimulatedTime.Millisecond);

        Assert.Equal([30 * SimulatedTime.Microsecond], times);
        Assert.False(dropped.IsPending);
    }

    [Fact]
    public void AHostActionBeforeNow_IsAnErrorNamingTheTimes()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.Run(10 * SimulatedTime.Microsecond);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleHostAction(SimulatedTime.Microsecond, () => { }));

        Assert.Contains("cannot be scheduled before now (10000000 ps)", e.Message, StringComparison.Ordinal);
        Assert.Equal(SimulatedTime.Microsecond, (long)e.ActualValue!);
    }

    [Fact]
    public void RunUntil_StopsRightAfterTheMessageThatMakesTheConditionTrue()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Worker, new Probe { Start = c => c.SetTimer(20), Timer = (c, tick) => c.SendSdpToHost(1, [(byte)tick]) });
        var arrivals = new List<SdpMessage>();
        sim.HostReceiver = arrivals.Add;

        Assert.Equal(RunOutcome.ConditionMet, sim.RunUntil(() => arrivals.Count == 2, SimulatedTime.Millisecond));

        Assert.Equal(2, arrivals.Count);
        Assert.Equal(arrivals[1].ArrivedAt, sim.Now);
    }

    [Fact]
    public void RunUntil_ChecksAtTheStart_AtEachDone_AndReportsIdle()
    {
        var sim = WorkerAndService();
        Assert.Equal(RunOutcome.ConditionMet, sim.RunUntil(() => true, SimulatedTime.Millisecond));
        Assert.Equal(0, sim.Now);
        Assert.Equal(0, sim.GetStatistics().EventsProcessed);

        Assert.Equal(RunOutcome.ConditionMet, sim.RunUntil(() => sim.IsDone(Worker), SimulatedTime.Millisecond));
        Assert.Equal((40 * SimulatedTime.Microsecond) + (Cost.TimerInterruptCycles * Cycle), sim.Now);

        var idle = new Simulation(MachineBuilder.SpiNN3());
        idle.LoadApplication(Worker, new Probe());
        Assert.Equal(RunOutcome.Idle, idle.RunUntil(() => false, SimulatedTime.Millisecond));
    }
}
