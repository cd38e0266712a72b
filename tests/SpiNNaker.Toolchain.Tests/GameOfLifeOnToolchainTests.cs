using SpiNNaker.GameOfLife;
using SpiNNaker.GameOfLife.Toolchain;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Routing.Compression;
using SpiNNaker.Toolchain.Running;

namespace SpiNNaker.Toolchain.Tests;

public class GameOfLifeOnToolchainTests
{
    private static void AssertEveryGenerationMatchesTheHost(LifeOnToolchain life, LifeGrid initial)
    {
        var host = initial;
        for (var g = 0; g <= life.Generations; g++)
        {
            Assert.True(host.Cells.SequenceEqual(life.Generation(g).Cells), $"generation {g} differs from the host");
            host = host.Step();
        }

        Assert.Equal(0, life.UnexpectedPackets);
    }

    [Fact]
    public void RandomGridMappedByTheToolchain_MatchesTheHostEveryGeneration()
    {
        const int generations = 20;
        var initial = LifeGrid.Random(20, 30, density: 0.35, seed: 11);

        // A 40 us period: at 20 us this grid drops packets even when mapped by hand (the
        // simulator's back-pressure model), and one dropped state stalls the cells.
        var life = new LifeOnToolchain(MachineBuilder.SpiNN5(), initial, generations, timerPeriodMicroseconds: 40);
        var result = life.Run(SimulatedTime.Second);

        Assert.Equal(RunEnd.AllCoresDone, result.End);
        AssertEveryGenerationMatchesTheHost(life, initial);
        var statistics = life.Session.GetStatistics();
        Assert.Equal(0, statistics.Totals.Dropped);
        Assert.Equal(600L * 8 * generations, statistics.Totals.PacketsReceived);
        PipelineTests.AssertEveryKeyReachesExactlyItsTargets(life.Mapping);
    }

    [Fact]
    public void GliderWithCompressedTablesAndADeadChip_StillMatchesTheHost()
    {
        var cells = new bool[100];
        foreach (var (x, y) in new[] { (1, 0), (2, 1), (0, 2), (1, 2), (2, 2) })
        {
            cells[(y * 10) + x] = true;
        }

        var initial = new LifeGrid(10, 10, cells);
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadChips = [new ChipCoordinate(1, 1)] });
        var options = new MapperOptions
        {
            KeyAllocator = new GlobalPartitionKeyAllocator(),
            Compression = new TableCompressionPass(policy: CompressionPolicy.Always),
        };

        var life = new LifeOnToolchain(machine, initial, generations: 12, options: options);
        var result = life.Run(SimulatedTime.Second);

        Assert.Equal(RunEnd.AllCoresDone, result.End);
        Assert.True(life.Mapping.Tables.TotalEntries < life.Mapping.UncompressedTables.TotalEntries);
        Assert.DoesNotContain(life.Mapping.Placements, p => p.Core.Chip == new ChipCoordinate(1, 1));
        AssertEveryGenerationMatchesTheHost(life, initial);
    }

    [Fact]
    public void ReloadingTheSameMapping_RunsTheSameGenerationsAgain_BitForBit()
    {
        var initial = LifeGrid.Random(8, 8, density: 0.4, seed: 3);
        var life = new LifeOnToolchain(MachineBuilder.SpiNN3(), initial, generations: 6);
        life.Run(SimulatedTime.Second);
        var first = Enumerable.Range(0, 7).Select(g => life.Generation(g).Cells.ToArray()).ToList();
        var statistics = life.Session.GetStatistics();

        life.Session.Load();
        life.Run(SimulatedTime.Second);

        Assert.Equal(first, Enumerable.Range(0, 7).Select(g => life.Generation(g).Cells.ToArray()));
        Assert.True(statistics.SameAs(life.Session.GetStatistics()));
    }
}
