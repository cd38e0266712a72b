using System.Diagnostics;
using System.Globalization;
using SpiNNaker.GameOfLife;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// sim-life: Conway's Game of Life, one cell per core on a whole SpiNN-5 (24 x 34 cells),
/// checked against the host at the end. Peer: the host reference computing the same
/// generations, measured in the same run.
/// </summary>
internal sealed class SimLifeBenchmark : IBenchmark
{
    public string Name => "sim-life";

    public string Summary => "Game of Life on a simulated SpiNN-5, one cell per core [--generations 200 --seed 1]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "generations", "seed");
        var generations = options.Int("generations", 200);
        var seed = options.Int("seed", 1);
        var initial = LifeGrid.Random(24, 34, 0.35, seed);

        // Warm up (JIT tiers) on a short run of its own, then measure a fresh simulation.
        new LifeOnSpiNNaker(new Simulation(MachineBuilder.SpiNN5()), initial, Math.Min(generations, 50)).Run(SimulatedTime.Second);
        var sim = new Simulation(MachineBuilder.SpiNN5());
        var life = new LifeOnSpiNNaker(sim, initial, generations);
        var before = sim.GetStatistics();
        var measurement = new SimulationMeasurement();
        measurement.Start();
        var outcome = life.Run(SimulatedTime.Second * 10);
        measurement.Stop();
        var after = sim.GetStatistics();

        var expected = initial.Step();
        var host = Stopwatch.StartNew();
        expected = initial;
        for (var g = 0; g < generations; g++)
        {
            expected = expected.Step();
        }

        host.Stop();
        var correct = outcome == RunOutcome.AllCoresDone && expected.Cells.SequenceEqual(life.Generation(generations).Cells);
        var (text, fields) = SimulationMeasurement.Report(before, after, measurement);
        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"sim-life\",\"generations\":{generations},\"correct\":{(correct ? "true" : "false")},{fields}," +
                $"\"host_reference_seconds\":{host.Elapsed.TotalSeconds:F6}}}"));
        }
        else
        {
            Console.WriteLine($"sim-life: {initial.Width} x {initial.Height} cells on a SpiNN-5, {generations} generations, {outcome}, final generation {(correct ? "matches" : "DIFFERS FROM")} the host");
            Console.WriteLine(text);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  peer: host reference               {host.Elapsed.TotalSeconds * 1e3:F2} ms for the same generations (simulation is {measurement.HostSeconds / host.Elapsed.TotalSeconds:F0}x slower)"));
        }

        return correct ? 0 : 1;
    }
}
