using SpiNNaker.GameOfLife;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator.Tests;

public class DeterminismTests
{
    /// <summary>Every core sends bursts to random other cores (from its seed) fast enough to cause drops.</summary>
    private sealed class Chatter : CoreApplication
    {
        private ICoreContext _core = null!;
        private ulong _state;

        public override void OnStart(ICoreContext context)
        {
            _core = context;
            _state = context.Seed | 1;
            context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.Immediate);
            context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.FirstQueued);
            context.SetTimer(20, (long)(_state % 20));
        }

        public override void OnTimerTick(uint tick)
        {
            for (var i = 0; i < 8; i++)
            {
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
                _core.Send((uint)(_state % 64), tick);
            }
        }

        public override void OnMulticastPacketWithPayload(uint key, uint payload) => _core.ChargeCycles(200 + (key % 7 * 100));
    }

    private static SimulationStatistics RunChatter(ulong seed)
    {
        var machine = MachineBuilder.SpiNN5();
        var sim = new Simulation(machine, options: new SimulationOptions { Reinjection = true, Seed = seed });
        var cores = machine.ApplicationCores.Take(64).ToArray();
        var nets = Enumerable.Range(0, 64).Select(k => new MulticastTrees.Net((uint)k, cores[k], [cores[(k * 7) % 64], cores[(k * 13 + 5) % 64], cores[63 - k]]));
        sim.LoadRoutingTables(MulticastTrees.Build(machine, nets));
        foreach (var core in cores)
        {
            sim.LoadApplication(core, new Chatter());
        }

        sim.Run(300 * SimulatedTime.Microsecond);
        return sim.GetStatistics();
    }

    [Fact]
    public void SameInputsAndSeed_GiveIdenticalStatisticsUnderCongestion()
    {
        var first = RunChatter(seed: 11);
        var second = RunChatter(seed: 11);

        Assert.True(first.SameAs(second));
        Assert.True(first.Totals.Dropped > 0, "the scenario must congest the network to test anything");
        Assert.True(first.Totals.Reinjected > 0);
    }

    [Fact]
    public void ADifferentSeed_GivesADifferentRun()
    {
        Assert.False(RunChatter(seed: 11).SameAs(RunChatter(seed: 12)));
    }

    [Fact]
    public void GameOfLife_RunsBitForBitTheSameTwice()
    {
        static (SimulationStatistics, byte[][]) Run()
        {
            var sim = new Simulation(MachineBuilder.SpiNN5());
            var life = new LifeOnSpiNNaker(sim, LifeGrid.Random(24, 34, 0.4, seed: 3), generations: 10);
            life.Run(SimulatedTime.Second);
            return (sim.GetStatistics(), [.. life.Placement.Select(c => sim.ReadSdramRegion(c, LifeCell.HistoryRegion))]);
        }

        var (statsA, historyA) = Run();
        var (statsB, historyB) = Run();

        Assert.True(statsA.SameAs(statsB));
        Assert.Equal(historyA, historyB);
    }
}
