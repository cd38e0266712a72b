using System.Globalization;
using SpiNNaker.GameOfLife;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// sim-traffic: every application core of a SpiNN-5 multicasts one packet every period to k
/// random cores; measures how fast the simulator runs it. Peer: the bare event queue (push
/// and pop of the same number of events) measured in the same run, the floor under any
/// event-driven simulator built on it.
/// </summary>
internal sealed class SimTrafficBenchmark : IBenchmark
{
    public string Name => "sim-traffic";

    public string Summary => "816 cores of a SpiNN-5 multicast to k random cores [--k 8 --period-us 50 --ms 100 --seed 1 --reinjection false --peer true]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "k", "period-us", "ms", "seed", "reinjection", "peer");
        var k = options.Int("k", 8);
        var period = options.Int("period-us", 50);
        var milliseconds = options.Int("ms", 100);
        var seed = options.Int("seed", 1);
        var reinjection = options.Flag("reinjection", false);

        // --peer false skips the bare-queue peer, so that instruction counts of two run lengths differ only by simulation.
        var peer = options.Flag("peer", true);
        if (k < 1 || period < 1)
        {
            throw new ArgumentException($"--k and --period-us must be at least 1; received k={k}, period-us={period}");
        }

        var machine = MachineBuilder.SpiNN5();
        var cores = machine.ApplicationCores.ToArray();
        if (k >= cores.Length)
        {
            throw new ArgumentException($"--k must be below the {cores.Length} application cores; received {k}");
        }

        var random = new Random(seed);
        var nets = MulticastTrees.RandomNets(cores, k, random);

        var sim = new Simulation(machine, options: new SimulationOptions { Reinjection = reinjection, Seed = (ulong)seed });
        var tables = MulticastTrees.Build(machine, nets);
        sim.LoadRoutingTables(tables);
        for (var i = 0; i < cores.Length; i++)
        {
            sim.LoadApplication(cores[i], new TrafficCore((uint)i, period, random.Next(period)));
        }

        // Warm up (JIT, caches) on the first tenth, then measure the rest.
        sim.Run(SimulatedTime.FromMilliseconds(milliseconds / 10.0));
        var before = sim.GetStatistics();
        var measurement = new SimulationMeasurement();
        measurement.Start();
        sim.Run(SimulatedTime.FromMilliseconds(milliseconds * 0.9));
        measurement.Stop();
        var after = sim.GetStatistics();

        var events = after.EventsProcessed - before.EventsProcessed;
        var floor = peer ? EventQueueFloor.Measure(events) : double.NaN;
        var (text, fields) = SimulationMeasurement.Report(before, after, measurement);
        var eventsPerSecond = events / measurement.HostSeconds;
        var maxEntries = tables.Values.Max(t => t.Count);
        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"sim-traffic\",\"k\":{k},\"period_us\":{period},\"reinjection\":{(reinjection ? "true" : "false")},{fields}," +
                $"\"bare_queue_events_per_host_second\":{(peer ? floor.ToString("F0", CultureInfo.InvariantCulture) : "null")}," +
                $"\"events_vs_bare_queue\":{(peer ? (eventsPerSecond / floor).ToString("F4", CultureInfo.InvariantCulture) : "null")},\"max_table_entries\":{maxEntries}}}"));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sim-traffic: SpiNN-5, {cores.Length} cores each multicasting to {k} random cores every {period} us, reinjection {(reinjection ? "on" : "off")}, largest table {maxEntries} entries"));
            Console.WriteLine(text);
            Console.WriteLine(!peer ? "  peer: skipped (--peer false)" : string.Create(CultureInfo.InvariantCulture,
                $"  peer: bare event queue             {floor / 1e6:F2} M events per host second (simulator reaches {eventsPerSecond / floor:P1} of it)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  goal: 20 M packet deliveries per host second on one thread (reached {(after.Totals.PacketsReceived - before.Totals.PacketsReceived) / measurement.HostSeconds / 20e6:P0})"));
            Console.WriteLine("  events by kind (whole run): " + string.Join(", ", sim.EventsByKind.Where(e => e.Value > 0).Select(e => $"{e.Key} {e.Value:N0}")));
        }

        return 0;
    }
}
