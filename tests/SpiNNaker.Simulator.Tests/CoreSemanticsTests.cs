using SpiNNaker.Machine;
using static SpiNNaker.Simulator.Tests.Fixtures;

namespace SpiNNaker.Simulator.Tests;

public class CoreSemanticsTests
{
    private static readonly CoreLocation Core1 = new(0, 0, 1);

    [Fact]
    public void DtcmBeyondTheBudget_IsAClearErrorNamingCoreRequestAndFreeBytes()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var allocated = 0;
        sim.LoadApplication(Core1, new Probe
        {
            Start = c =>
            {
                var free = c.DtcmFreeBytes;
                Assert.Equal(MemorySizes.DtcmBytes - Cost.DtcmReservedBytes, free);
                allocated = c.AllocateDtcm<int>(10_000).Length;
                Assert.Equal(free - 40_000, c.DtcmFreeBytes);
                c.AllocateDtcm<float>(6_000);
            },
        });

        var e = Assert.Throws<CoreApplicationException>(() => sim.Run(SimulatedTime.Microsecond));

        var budget = Assert.IsType<MemoryBudgetExceededException>(e.InnerException);
        Assert.Equal(10_000, allocated);
        Assert.Equal(24_000, budget.RequestedBytes);
        Assert.Equal(MemorySizes.DtcmBytes - Cost.DtcmReservedBytes - 40_000, budget.FreeBytes);
        Assert.Contains("(0, 0, 1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("24000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SdramBeyondTheChipsBudget_IsAClearError()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Core1, new Probe(), [new SdramRegionData(0, new byte[100_000_000])]);

        var load = Assert.Throws<MemoryBudgetExceededException>(
            () => sim.LoadApplication(new(0, 0, 2), new Probe(), [new SdramRegionData(0, new byte[30_000_000])]));
        Assert.Contains("(0, 0)", load.Message, StringComparison.Ordinal);
        Assert.Equal(MemorySizes.SdramUsableBytesPerChip - 100_000_000, load.FreeBytes);

        sim.LoadApplication(new(0, 0, 3), new Probe { Start = c => c.AllocateSdram(7, 30_000_000) });
        var run = Assert.Throws<CoreApplicationException>(() => sim.Run(SimulatedTime.Microsecond));
        Assert.IsType<MemoryBudgetExceededException>(run.InnerException);
    }

    [Fact]
    public void SdramRegions_AreLoadedByTheHostAndReadBackAfterARun()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Core1, new Probe
        {
            Start = c =>
            {
                var input = c.GetSdramRegion(0);
                Span<int> values = stackalloc int[4];
                c.ReadSdram(input, 0, values);
                var output = c.AllocateSdram(1, 16);
                for (var i = 0; i < 4; i++)
                {
                    values[i] *= 10;
                }

                c.WriteSdram<int>(output, 0, values);
                c.Done();
            },
        }, [new SdramRegionData(0, [.. BitConverter.GetBytes(1), .. BitConverter.GetBytes(2), .. BitConverter.GetBytes(3), .. BitConverter.GetBytes(4)])]);

        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone(SimulatedTime.Millisecond));

        var bytes = sim.ReadSdramRegion(Core1, 1);
        Assert.Equal([10, 20, 30, 40], Enumerable.Range(0, 4).Select(i => BitConverter.ToInt32(bytes, i * 4)));
        Assert.True(sim.IsDone(Core1));
        // Two reads and two writes of four words each, at the SDRAM word cost.
        Assert.Equal(8 * Cost.SdramWordAccessCycles, sim.GetStatistics().Cores[0].BusyCycles);
    }

    [Fact]
    public void Dma_MovesDataAtTheChipsBandwidthAndCallsBackWithItsTag()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var data = Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray();
        long doneAt = 0;
        int[]? dtcm = null;
        sim.LoadApplication(Core1, new Probe
        {
            Start = c =>
            {
                dtcm = c.AllocateDtcm<int>(256);
                Assert.True(c.DmaRead(c.GetSdramRegion(3), 0, dtcm, 0, 256, tag: 99));
            },
            Dma = (c, tag) =>
            {
                Assert.Equal(99u, tag);
                doneAt = c.Now;
            },
        }, [new SdramRegionData(3, data)]);

        sim.Run(100 * SimulatedTime.Microsecond);

        Assert.Equal(BitConverter.ToInt32(data, 40), dtcm![10]);
        // Issue cost, 1024 bytes at 1 GB/s, then the DMA-done interrupt's entry.
        Assert.Equal((Cost.DmaIssueCycles * Cycle) + (1024 * SimulatedTime.Second / Cost.DmaBytesPerSecond) + (Cost.DmaDoneInterruptCycles * Cycle), doneAt);
    }

    [Fact]
    public void DmaWrite_LandsInSdram_AndTheSeventeenthOutstandingTransferIsRefused()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var accepted = new List<bool>();
        var tags = new List<uint>();
        sim.LoadApplication(Core1, new Probe
        {
            Start = c =>
            {
                var region = c.AllocateSdram(2, 17 * 64);
                var source = c.AllocateDtcm<float>(16);
                for (var i = 0; i < 16; i++)
                {
                    source[i] = i + 0.5f;
                }

                for (var t = 0; t < 17; t++)
                {
                    accepted.Add(c.DmaWrite(source, 0, 16, region, t * 64, (uint)t));
                }
            },
            Dma = (c, tag) => tags.Add(tag),
        });

        sim.Run(100 * SimulatedTime.Microsecond);

        Assert.Equal(Enumerable.Repeat(true, 16).Append(false), accepted);
        Assert.Equal(Enumerable.Range(0, 16).Select(t => (uint)t), tags);
        var bytes = sim.ReadSdramRegion(Core1, 2);
        Assert.Equal(15.5f, BitConverter.ToSingle(bytes, (15 * 64) + (15 * 4)));
        Assert.Equal(0f, BitConverter.ToSingle(bytes, 16 * 64));
    }

    [Fact]
    public void PacketsRoutedToACoreWithoutAnApplication_AreDropped()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadRoutingTable(new(0, 0), Table((3, 0xFFFFFFFF, Cores(1, 2))));
        var probe = new Probe();
        sim.LoadApplication(Core1, probe);

        sim.InjectMulticast(new(0, 0), 3);
        sim.Run(10 * SimulatedTime.Microsecond);

        // Multicast goes to all outputs or none: core 2 never takes it, so core 1 loses it too.
        Assert.Empty(probe.Received);
        Assert.Equal(1, sim.GetStatistics().Totals.Dropped);
    }

    [Fact]
    public void UnregisteredPacketCallback_TakesAndDiscardsThePacket()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadRoutingTable(new(0, 0), Table((3, 0xFFFFFFFF, Cores(1))));
        sim.LoadApplication(Core1, new Silent());

        for (var i = 0; i < 5; i++)
        {
            sim.InjectMulticast(new(0, 0), 3);
        }

        sim.Run(10 * SimulatedTime.Microsecond);

        var core = sim.GetStatistics().Cores[0];
        Assert.Equal(5, core.Received);
        Assert.Equal(0, core.CallbacksRun);
        Assert.Equal(5 * Cost.PacketReceivedInterruptCycles, core.BusyCycles);
        Assert.Equal(0, sim.GetStatistics().Totals.Dropped);
    }

    private sealed class Silent : CoreApplication
    {
        public override void OnStart(ICoreContext context)
        {
        }
    }

    [Fact]
    public void InterruptsDuringAQueuedCallback_ExtendItsBusyPeriod()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadRoutingTable(new(0, 0), Table((5, 0xFFFFFFFF, Cores(1))));
        var userStarts = new List<long>();
        var probe = new Probe
        {
            PacketPriority = CallbackPriority.Fiq,
            UserPriority = CallbackPriority.FirstQueued,
            Start = c =>
            {
                Assert.True(c.TriggerUserEvent());
                Assert.False(c.TriggerUserEvent(1)); // the first is still pending
            },
            User = (c, a, _) =>
            {
                userStarts.Add(c.Now);
                c.ChargeCycles(10_000);
            },
        };
        sim.LoadApplication(Core1, probe);
        sim.Run(SimulatedTime.Microsecond);
        sim.InjectMulticast(new(0, 0), 5); // arrives inside the user callback

        sim.Run(100 * SimulatedTime.Microsecond);

        Assert.Single(probe.Received);
        var userEntry = (Cost.UserEventInterruptCycles + Cost.QueuedCallbackDispatchCycles) * Cycle;
        Assert.Equal([userEntry], userStarts);
        var busy = sim.GetStatistics().Cores[0].BusyCycles;
        Assert.Equal(Cost.UserEventInterruptCycles + Cost.QueuedCallbackDispatchCycles + 10_000 + Cost.PacketReceivedInterruptCycles, busy);
    }

    [Fact]
    public void OnlyOneInterruptSourceMayBePreeminent()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Core1, new Probe { PacketPriority = CallbackPriority.Fiq, TimerPriority = CallbackPriority.Fiq });

        var e = Assert.Throws<CoreApplicationException>(() => sim.Run(SimulatedTime.Microsecond));

        Assert.Contains("preeminent", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPriority_IsRejected()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Core1, new Probe { UserPriority = 3 });

        var e = Assert.Throws<CoreApplicationException>(() => sim.Run(SimulatedTime.Microsecond));

        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Fact]
    public void TimerTicks_ComeAtPhaseThenEveryPeriod()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var probe = new Probe { Start = c => c.SetTimer(100, 30) };
        sim.LoadApplication(Core1, probe);

        sim.Run(350 * SimulatedTime.Microsecond);

        var entry = Cost.TimerInterruptCycles * Cycle;
        Assert.Equal([(1u, 30 * SimulatedTime.Microsecond + entry), (2u, 130 * SimulatedTime.Microsecond + entry), (3u, 230 * SimulatedTime.Microsecond + entry), (4u, 330 * SimulatedTime.Microsecond + entry)], probe.Ticks);
    }

    [Fact]
    public void ATimerCallbackLongerThanThePeriod_RunsBackToBackAndMissesTicks()
    {
        // 10 us period, 13 us per tick (interrupt entry + 2,500 cycles): there is always a tick
        // pending when one ends, and a tick that comes while another is pending is merged.
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var probe = new Probe { Start = c => c.SetTimer(10), Timer = (c, _) => c.ChargeCycles(2_500) };
        sim.LoadApplication(Core1, probe);

        sim.Run(SimulatedTime.Millisecond);

        var core = sim.GetStatistics().Cores[0];
        var perTick = (Cost.TimerInterruptCycles + 2_500) * Cycle;
        Assert.Equal([perTick], probe.Ticks.Zip(probe.Ticks.Skip(1), (a, b) => b.Time - a.Time).Distinct());
        // Each handled tick starts when the last ends: those starting before 1 ms ran.
        Assert.Equal((SimulatedTime.Millisecond + perTick - 1) / perTick, probe.Ticks.Count);
        Assert.InRange(probe.Ticks.Count + core.MissedTimerTicks, 99, 100);
        Assert.True(core.MissedTimerTicks > 0);
    }

    [Fact]
    public void LoadingOntoAMonitorOrMissingCore_IsRejected()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5(new MachineOptions { DeadCores = [new(1, 1, 4)] }));

        Assert.Throws<ArgumentException>(() => sim.LoadApplication(new(0, 0, 0), new Probe()));
        Assert.Throws<ArgumentException>(() => sim.LoadApplication(new(1, 1, 4), new Probe()));
        Assert.Throws<ArgumentException>(() => sim.LoadApplication(new(7, 0, 1), new Probe()));
        sim.LoadApplication(Core1, new Probe());
        Assert.Throws<InvalidOperationException>(() => sim.LoadApplication(Core1, new Probe()));
    }

    [Fact]
    public void RunUntilDone_StopsWhenEveryCoreIsDone_AndReportsIdleOnDeadlock()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(Core1, new Probe { Start = c => c.SetTimer(10), Timer = (c, tick) => { if (tick == 5) { c.Done(); } } });
        sim.LoadApplication(new(0, 0, 2), new Probe { Start = c => c.SetTimer(7), Timer = (c, tick) => { if (tick == 9) { c.Done(); } } });

        // The second core's ninth tick at 56 us is the last Done; the run ends when its callback has.
        Assert.Equal(RunOutcome.AllCoresDone, sim.RunUntilDone(SimulatedTime.Millisecond));
        Assert.Equal((56 * SimulatedTime.Microsecond) + (Cost.TimerInterruptCycles * Cycle), sim.Now);

        var waiting = new Simulation(MachineBuilder.SpiNN3());
        waiting.LoadApplication(Core1, new Probe());
        Assert.Equal(RunOutcome.Idle, waiting.RunUntilDone(SimulatedTime.Millisecond));
        Assert.Equal(RunOutcome.TimeElapsed, waiting.Run(SimulatedTime.Millisecond));
        Assert.Equal(SimulatedTime.Millisecond, waiting.Now);
    }

    [Fact]
    public void SeveralRuns_ContinueTheSameTimeline_AndResetStartsAfresh()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var probe = new Probe { Start = c => c.SetTimer(10) };
        sim.LoadApplication(Core1, probe);

        sim.Run(25 * SimulatedTime.Microsecond);
        var second = new Probe { Start = c => c.SetTimer(10) };
        sim.LoadApplication(new(0, 0, 2), second);
        sim.Run(25 * SimulatedTime.Microsecond);

        Assert.Equal(5, probe.Ticks.Count);
        Assert.Equal(3, second.Ticks.Count);
        Assert.Equal(50 * SimulatedTime.Microsecond, sim.Now);

        sim.Reset();
        Assert.Equal(0, sim.Now);
        Assert.Empty(sim.LoadedCores);
        Assert.Equal(0, sim.GetStatistics().EventsProcessed);
        var fresh = new Probe { Start = c => c.SetTimer(10) };
        sim.LoadApplication(Core1, fresh);
        sim.Run(25 * SimulatedTime.Microsecond);
        Assert.Equal(3, fresh.Ticks.Count);
    }

    [Fact]
    public void Energy_FollowsTheModel()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        sim.LoadRoutingTable(new(0, 0), Table((1, 0xFFFFFFFF, Links(Direction.East))));
        sim.LoadRoutingTable(new(1, 0), Table((1, 0xFFFFFFFF, Cores(1))));
        sim.LoadApplication(new(1, 0, 1), new Probe());
        for (var i = 0; i < 10; i++)
        {
            sim.InjectMulticast(new(0, 0), 1, payload: (uint)i);
        }

        sim.Run(SimulatedTime.Millisecond);

        var energy = sim.GetStatistics().Energy;
        Assert.Equal(48 * 0.35 * 1e-3, energy.IdleJoules, 12);
        Assert.Equal(1 * 0.034 * 1e-3, energy.CoreJoules, 12);
        Assert.Equal(20 * 72 * 25e-12, energy.RouterJoules, 15);
        Assert.Equal(energy.IdleJoules + energy.CoreJoules + energy.RouterJoules, energy.TotalJoules);
    }

    [Fact]
    public void ArithmeticCosts_SoftwareFloatIsDearerThanFixedPoint()
    {
        var cost = CostModel.Default;
        Assert.Equal(80, cost.Arithmetic(NumberFormat.Float).MultiplyAccumulate);
        Assert.Equal(3, cost.Arithmetic(NumberFormat.FixedS1615).MultiplyAccumulate);
        Assert.True(cost.Arithmetic(NumberFormat.Float).Exp > 10 * cost.Arithmetic(NumberFormat.FixedS1615).Exp);
        Assert.Equal(5_000, cost.CoreCyclePicoseconds);
        Assert.Equal(7_519, cost.RouterCyclePicoseconds);
    }

    [Fact]
    public void InvalidCostModel_IsRejectedWithTheParameterNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new Simulation(MachineBuilder.SpiNN3(), CostModel.Default with { LinkBufferPackets = 0 }));
        Assert.Contains("LinkBufferPackets", e.Message, StringComparison.Ordinal);
    }
}
