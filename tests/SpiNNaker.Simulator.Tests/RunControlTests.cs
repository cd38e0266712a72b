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
    public void RunUntilDone_OfChosenCores_EndsAtTheEventInWhichTheLastOfThemIsDone()
    {
        var sim = WorkerAndService();

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone([Worker], SimulatedTime.Millisecond));

        Assert.Equal(40 * SimulatedTime.Microsecond, sim.Now);
        Assert.True(sim.IsDone(Worker));
        Assert.False(sim.IsDone(Service));
        Assert.False(sim.AllCoresDone);

        // Already done: returns at once, without moving time.
        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone([Worker], SimulatedTime.Millisecond));
        Assert.Equal(40 * SimulatedTime.Microsecond, sim.Now);

        // Waiting for every loaded core instead runs to the limit: the service never finishes.
        Assert.Equal(RunOutcome.TimeElapsed, sim.RunUntilDone(SimulatedTime.Millisecond));
        Assert.Equal(1_040 * SimulatedTime.Microsecond, sim.Now);
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
        Assert.Equal(40 * SimulatedTime.Microsecond, sim.Now);

        var idle = new Simulation(MachineBuilder.SpiNN3());
        idle.LoadApplication(Worker, new Probe());
        Assert.Equal(RunOutcome.Idle, idle.RunUntil(() => false, SimulatedTime.Millisecond));
    }
}
