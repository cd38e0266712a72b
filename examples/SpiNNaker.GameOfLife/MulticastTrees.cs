using SpiNNaker.Machine;

namespace SpiNNaker.GameOfLife;

/// <summary>
/// A small routing-table builder for examples and benchmarks (the real toolchain is its own
/// layer): each key gets a multicast tree from its source chip to its target cores over
/// working links, one exact-match entry per chip the tree touches.
/// </summary>
public static class MulticastTrees
{
    /// <summary>One multicast source: its key, where it is sent from and the cores that must receive it.</summary>
    /// <param name="Key">The packet key (matched exactly).</param>
    /// <param name="Source">The sending core.</param>
    /// <param name="Targets">The receiving cores.</param>
    public sealed record Net(uint Key, CoreLocation Source, IReadOnlyCollection<CoreLocation> Targets);

    /// <summary>
    /// One net per core of <paramref name="cores"/> (key = its index), each to <paramref name="k"/>
    /// distinct other cores drawn uniformly by <paramref name="random"/>: the random traffic of
    /// the sim-traffic benchmark and the simulator's golden scenarios.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not below the number of cores.</exception>
    public static List<Net> RandomNets(IReadOnlyList<CoreLocation> cores, int k, Random random)
    {
        ArgumentNullException.ThrowIfNull(cores);
        ArgumentNullException.ThrowIfNull(random);
        if (k < 0 || k >= cores.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"each net needs k distinct targets other than its source among the {cores.Count} cores");
        }

        var nets = new List<Net>(cores.Count);
        for (var i = 0; i < cores.Count; i++)
        {
            var targets = new HashSet<CoreLocation>();
            while (targets.Count < k)
            {
                var t = cores[random.Next(cores.Count)];
                if (t != cores[i])
                {
                    targets.Add(t);
                }
            }

            nets.Add(new Net((uint)i, cores[i], targets));
        }

        return nets;
    }

    /// <summary>Builds the routing tables for <paramref name="nets"/>.</summary>
    /// <remarks>
    /// Each net's tree grows greedily: target chips are taken nearest first, and each joins
    /// the tree by a shortest path from the nearest chip already in it (a breadth-first search
    /// from the target that stops at the tree). This shares links between targets (fewer
    /// link traversals than a union of shortest paths) and can never reach a chip twice.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A target cannot be reached over working links.</exception>
    /// <exception cref="RoutingTableOverflowException">A chip needs more than 1,023 entries.</exception>
    public static Dictionary<ChipCoordinate, RoutingTable> Build(SpiNNakerMachine machine, IEnumerable<Net> nets)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(nets);
        var tables = new Dictionary<ChipCoordinate, RoutingTable>();
        foreach (var net in nets)
        {
            var routes = new Dictionary<ChipCoordinate, RouteWord> { [net.Source.Chip] = RouteWord.Empty };
            var chips = net.Targets.Select(t => t.Chip).Distinct()
                .OrderBy(c => machine.Distance(net.Source.Chip, c)).ThenBy(c => c.X).ThenBy(c => c.Y);
            foreach (var chip in chips)
            {
                if (!routes.ContainsKey(chip))
                {
                    Join(machine, routes, chip, net);
                }
            }

            foreach (var target in net.Targets)
            {
                routes[target.Chip] = routes[target.Chip].WithCore(target.P);
            }

            foreach (var (chip, route) in routes.OrderBy(r => r.Key.X).ThenBy(r => r.Key.Y))
            {
                if (route.IsEmpty)
                {
                    continue;
                }

                if (!tables.TryGetValue(chip, out var table))
                {
                    table = new RoutingTable();
                    tables[chip] = table;
                }

                table.Add(net.Key, 0xFFFFFFFF, route);
            }
        }

        return tables;
    }

    /// <summary>Adds <paramref name="chip"/> to the tree by a shortest path from the nearest tree chip.</summary>
    private static void Join(SpiNNakerMachine machine, Dictionary<ChipCoordinate, RouteWord> tree, ChipCoordinate chip, Net net)
    {
        // Search outwards from the new chip; cameBy[c] is the link that leads from c one step
        // back towards the new chip.
        var cameBy = new Dictionary<ChipCoordinate, Direction>();
        var queue = new Queue<ChipCoordinate>([chip]);
        var seen = new HashSet<ChipCoordinate> { chip };
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var d in DirectionExtensions.All)
            {
                if (!machine.TryGetNeighbour(at, d, out var next) || !seen.Add(next))
                {
                    continue;
                }

                cameBy[next] = d.Opposite();
                if (tree.ContainsKey(next))
                {
                    // Walk back from the tree to the new chip, adding the links.
                    var cursor = next;
                    while (cursor != chip)
                    {
                        var link = cameBy[cursor];
                        tree[cursor] = tree.GetValueOrDefault(cursor).WithLink(link);
                        machine.TryGetNeighbour(cursor, link, out cursor);
                        tree.TryAdd(cursor, RouteWord.Empty);
                    }

                    return;
                }

                queue.Enqueue(next);
            }
        }

        throw new InvalidOperationException($"key 0x{net.Key:X8}: chip {chip} cannot be reached from {net.Source} over working links");
    }
}
