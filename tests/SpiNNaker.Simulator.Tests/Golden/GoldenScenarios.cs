using SpiNNaker.GameOfLife;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator.Tests.Golden;

/// <summary>
/// Fixed scenarios whose complete statistics, SDRAM and host traffic were recorded from the
/// simulator before its performance work (files beside this one). Together they drive every
/// path of the engine: uncongested and congested multicast, drops with and without the
/// reinjector, emergency routing around full and dead links, default routing, lost local
/// packets, every callback kind and priority, DMA, SDP both ways, host injection, Done,
/// repeated runs, run-until-done and the Game of Life.
/// </summary>
internal static class GoldenScenarios
{
    public static IEnumerable<string> Names =>
        ["traffic-k8-50us", "traffic-k8-20us-reinjection", "traffic-k8-20us", "mixed", "mixed-until-done", "dead-links", "life"];

    public static GoldenRun Run(string name) => name switch
    {
        "traffic-k8-50us" => Traffic(k: 8, periodMicroseconds: 50, reinjection: false, microseconds: 2_000),
        "traffic-k8-20us-reinjection" => Traffic(k: 8, periodMicroseconds: 20, reinjection: true, microseconds: 600),
        "traffic-k8-20us" => Traffic(k: 8, periodMicroseconds: 20, reinjection: false, microseconds: 400),
        "mixed" => Mixed(untilDone: false),
        "mixed-until-done" => Mixed(untilDone: true),
        "dead-links" => DeadLinks(),
        "life" => Life(),
        _ => throw new ArgumentException($"unknown golden scenario '{name}'", nameof(name)),
    };

    /// <summary>The sim-traffic benchmark's set-up: every core of a SpiNN-5 multicasts to k random cores.</summary>
    private static GoldenRun Traffic(int k, int periodMicroseconds, bool reinjection, int microseconds)
    {
        var machine = MachineBuilder.SpiNN5();
        var cores = machine.ApplicationCores.ToArray();
        var random = new Random(1);
        var nets = MulticastTrees.RandomNets(cores, k, random);
        var sim = new Simulation(machine, options: new SimulationOptions { Reinjection = reinjection, Seed = 1 });
        sim.LoadRoutingTables(MulticastTrees.Build(machine, nets));
        for (var i = 0; i < cores.Length; i++)
        {
            sim.LoadApplication(cores[i], new CountingCore((uint)i, periodMicroseconds, random.Next(periodMicroseconds)));
        }

        var run = new GoldenRun(sim);
        run.Record(sim.Run(microseconds / 10 * SimulatedTime.Microsecond));
        run.Record(sim.Run((microseconds - (microseconds / 10)) * SimulatedTime.Microsecond));
        return run;
    }

    /// <summary>Every core runs <see cref="MixedCore"/>; the host answers SDP messages and injects packets.</summary>
    private static GoldenRun Mixed(bool untilDone)
    {
        var machine = MachineBuilder.SpiNN5();
        var cores = machine.ApplicationCores.ToArray();
        var random = new Random(7);
        var nets = MulticastTrees.RandomNets(cores, 6, random);
        var sim = new Simulation(machine, options: new SimulationOptions { Reinjection = true, Seed = 3 });
        sim.LoadRoutingTables(MulticastTrees.Build(machine, nets));
        for (var i = 0; i < cores.Length; i++)
        {
            var period = 25 + random.Next(40);
            var doneAfter = untilDone ? 20 + random.Next(30) : (i % 5 == 0 ? 30 : 0);
            sim.LoadApplication(cores[i], new MixedCore((uint)i, period, random.Next(period), doneAfter));
        }

        var run = new GoldenRun(sim);
        var answered = 0;
        sim.HostReceiver = message =>
        {
            run.Host(message);
            if (++answered % 3 == 0 && !sim.IsDone(message.Core))
            {
                sim.SendSdp(message.Core, 2, [(byte)answered]);
            }

            if (answered % 4 == 0)
            {
                sim.InjectMulticast(message.Core.Chip, (uint)(answered % cores.Length), (uint)answered);
            }
        };

        for (var i = 0; i < 20; i++)
        {
            sim.InjectMulticast(cores[i * 40].Chip, (uint)(i * 40), i % 2 == 0 ? null : (uint)i, i % 3 == 0 ? Direction.SouthWest : null);
        }

        if (untilDone)
        {
            run.Record(sim.RunUntilDone(SimulatedTime.Second));
            return run;
        }

        for (var chunk = 0; chunk < 4; chunk++)
        {
            run.Record(sim.Run(250 * SimulatedTime.Microsecond));
        }

        return run;
    }

    /// <summary>Tables built for a healthy SpiNN-5, run on one with dead links: emergency routes around them, or drops.</summary>
    private static GoldenRun DeadLinks()
    {
        var healthy = MachineBuilder.SpiNN5();
        var dead = new[]
        {
            new LinkLocation(new ChipCoordinate(2, 2), Direction.East),
            new LinkLocation(new ChipCoordinate(3, 3), Direction.North),
            new LinkLocation(new ChipCoordinate(4, 4), Direction.NorthEast),
            new LinkLocation(new ChipCoordinate(1, 1), Direction.East),
            new LinkLocation(new ChipCoordinate(1, 1), Direction.NorthEast),
            new LinkLocation(new ChipCoordinate(5, 3), Direction.West),
        };
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = dead });
        var cores = machine.ApplicationCores.ToArray();
        var random = new Random(5);
        var nets = MulticastTrees.RandomNets(cores, 4, random);
        var sim = new Simulation(machine, options: new SimulationOptions { Reinjection = true, Seed = 5 });
        sim.LoadRoutingTables(WithoutStraightThroughEntries(healthy, MulticastTrees.Build(healthy, nets)));
        for (var i = 0; i < cores.Length; i++)
        {
            sim.LoadApplication(cores[i], new CountingCore((uint)i, 30, random.Next(30)));
        }

        var run = new GoldenRun(sim);
        run.Record(sim.Run(500 * SimulatedTime.Microsecond));
        return run;
    }

    /// <summary>
    /// Removes the entries that default routing makes unnecessary (one link out, no core, and
    /// the packet arrives from the opposite side), as SpiNNaker's toolchains do.
    /// </summary>
    private static Dictionary<ChipCoordinate, RoutingTable> WithoutStraightThroughEntries(
        SpiNNakerMachine machine, Dictionary<ChipCoordinate, RoutingTable> tables)
    {
        var result = new Dictionary<ChipCoordinate, RoutingTable>();
        foreach (var (chip, table) in tables)
        {
            var kept = new RoutingTable();
            foreach (var entry in table)
            {
                var links = entry.Route.Links.ToList();
                var straight = !entry.Route.Cores.Any() && links.Count == 1
                    && machine.GetChip(chip).TryGetLinkTarget(links[0].Opposite(), out var upstream)
                    && tables.TryGetValue(upstream, out var upstreamTable)
                    && upstreamTable.Any(u => u.Key == entry.Key && u.Mask == entry.Mask && u.Route.Links.Contains(links[0]));
                if (!straight)
                {
                    kept.Add(entry.Key, entry.Mask, entry.Route);
                }
            }

            result[chip] = kept;
        }

        return result;
    }

    private static GoldenRun Life()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        var life = new LifeOnSpiNNaker(sim, LifeGrid.Random(24, 34, 0.4, seed: 3), generations: 12);
        var run = new GoldenRun(sim);
        run.Record(life.Run(SimulatedTime.Second));
        return run;
    }
}
