using SpiNNaker.Machine;
using static SpiNNaker.Simulator.Tests.Fixtures;

namespace SpiNNaker.Simulator.Tests;

public class CoreMemoryLimitTests
{
    private static readonly CoreLocation Core1 = new(0, 0, 1);

    [Fact]
    public void DtcmBeyondTheDeclaredLimit_IsAnErrorNamingTheProgramTheRequestAndTheLimit()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var freeAtStart = 0;
        sim.LoadApplication(Core1, new Probe
        {
            Start = c =>
            {
                freeAtStart = c.DtcmFreeBytes;
                c.AllocateDtcm<int>(100);
                c.AllocateDtcm<long>(100);
            },
        }, null, new CoreMemoryLimits { DtcmBytes = 1_000, Label = "machine vertex 'small'" });

        var e = Assert.Throws<CoreApplicationException>(() => sim.Run(SimulatedTime.Microsecond));

        Assert.Equal(1_000, freeAtStart);
        var budget = Assert.IsType<MemoryBudgetExceededException>(e.InnerException);
        Assert.Equal("machine vertex 'small' on (0, 0, 1) allocates 800 B of DTCM (100 x Int64) with 400 B already allocated, but declared 1,000 B", budget.Message);
        Assert.Equal(800, budget.RequestedBytes);
        Assert.Equal(600, budget.FreeBytes);
    }

    [Fact]
    public void SdramBeyondTheDeclaredLimit_CountsTheLoadedRegions()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var allocated = new List<int>();
        sim.LoadApplication(Core1, new Probe
        {
            Start = c =>
            {
                allocated.Add(c.AllocateSdram(1, 300).Length);
                allocated.Add(c.AllocateSdram(2, 200).Length);
            },
        }, [new SdramRegionData(0, new byte[600])], new CoreMemoryLimits { SdramBytes = 1_000 });

        var e = Assert.Throws<CoreApplicationException>(() => sim.Run(SimulatedTime.Microsecond));

        Assert.Equal([300], allocated);
        var budget = Assert.IsType<MemoryBudgetExceededException>(e.InnerException);
        Assert.Equal("core (0, 0, 1) allocates SDRAM region 2 of 200 B with 900 B already used (its loaded regions included), but declared 1,000 B", budget.Message);
        Assert.Equal(100, budget.FreeBytes);
    }

    [Fact]
    public void RegionsLargerThanTheDeclaredLimit_AreRefusedAtLoad_AndLeaveTheCoreFree()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var limits = new CoreMemoryLimits { SdramBytes = 64, Label = "machine vertex 'oversized'" };

        var e = Assert.Throws<MemoryBudgetExceededException>(() => sim.LoadApplication(Core1, new Probe(), [new SdramRegionData(0, new byte[100])], limits));

        Assert.Equal("machine vertex 'oversized' on (0, 0, 1) is loaded with 100 B of SDRAM regions, but declared 64 B", e.Message);
        Assert.Empty(sim.LoadedCores);
        sim.LoadApplication(Core1, new Probe(), [new SdramRegionData(0, new byte[64])], limits);
        Assert.Equal([Core1], sim.LoadedCores);
    }

    [Fact]
    public void WithoutLimits_TheHardwareBudgetsApply()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        var free = new List<int>();
        sim.LoadApplication(Core1, new Probe { Start = c => free.Add(c.DtcmFreeBytes) });
        sim.LoadApplication(new(0, 0, 2), new Probe { Start = c => free.Add(c.DtcmFreeBytes) }, null, CoreMemoryLimits.Hardware);
        sim.LoadApplication(new(0, 0, 3), new Probe { Start = c => free.Add(c.DtcmFreeBytes) }, null, new CoreMemoryLimits { DtcmBytes = 100_000 });

        sim.Run(SimulatedTime.Microsecond);

        Assert.Equal(Enumerable.Repeat(MemorySizes.DtcmBytes - Cost.DtcmReservedBytes, 3), free);
    }

    [Fact]
    public void NegativeLimits_AreRefusedNamingTheValues()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => sim.LoadApplication(Core1, new Probe(), null, new CoreMemoryLimits { DtcmBytes = -1 }));

        Assert.Contains("received DTCM -1 B, SDRAM 123469792 B", e.Message, StringComparison.Ordinal);
    }
}
