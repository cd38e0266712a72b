using SpiNNaker.Machine;

namespace SpiNNaker.GameOfLife;

/// <summary>
/// A small routing-table builder for examples and benchmarks (the real toolchain is its own
/// layer): each key gets the breadth-first shortest-path tree from its source chip to its
/// target cores, one exact-match entry per chip the tree touches.
/// </summary>
public static class MulticastTrees
{
    /// <summary>One multicast source: its key, where it is sent from and the cores that must receive it.</summary>
    /// <param name="Key">The packet key (matched exactly).</param>
    /// <param name="Source">The sending core.</param>
    /// <param name="Targets">The receiving cores.</param>
    public sealed record Net(uint Key, CoreLocation Source, IReadOnlyCollection<CoreLocation> Targets);

    /// <summary>Builds the routing tables for <paramref name="nets"/>.</summary>
    /// <exception cref="InvalidOperationException">A target cannot be reached over working links.</exception>
    /// <exception cref="RoutingTableOverflowException">A chip needs more than 1,023 entries.</exception>
    public static Dictionary<ChipCoordinate, RoutingTable> Build(SpiNNakerMachine machine, IEnumerable<Net> nets)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(nets);
        var tables = new Dictionary<ChipCoordinate, RoutingTable>();
        var trees = new Dictionary<ChipCoordinate, Dictionary<ChipCoordinate, Direction>>();
        foreach (var net in nets)
        {
            if (!trees.TryGetValue(net.Source.Chip, out var parent))
            {
                parent = BreadthFirstParents(machine, net.Source.Chip);
                trees[net.Source.Chip] = parent;
            }

            var routes = new Dictionary<ChipCoordinate, RouteWord>();
            foreach (var target in net.Targets)
            {
                routes[target.Chip] = routes.GetValueOrDefault(target.Chip).WithCore(target.P);
                var at = target.Chip;
                while (at != net.Source.Chip)
                {
                    if (!parent.TryGetValue(at, out var arrivedBy))
                    {
                        throw new InvalidOperationException($"key 0x{net.Key:X8}: core {target} cannot be reached from {net.Source} over working links");
                    }

                    machine.TryGetNeighbour(at, arrivedBy.Opposite(), out var previous);
                    routes[previous] = routes.GetValueOrDefault(previous).WithLink(arrivedBy);
                    at = previous;
                }
            }

            foreach (var (chip, route) in routes.OrderBy(r => r.Key.X).ThenBy(r => r.Key.Y))
            {
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

    /// <summary>For every chip reachable from <paramref name="root"/>: the link its breadth-first parent reaches it by.</summary>
    private static Dictionary<ChipCoordinate, Direction> BreadthFirstParents(SpiNNakerMachine machine, ChipCoordinate root)
    {
        var parent = new Dictionary<ChipCoordinate, Direction>();
        var seen = new HashSet<ChipCoordinate> { root };
        var queue = new Queue<ChipCoordinate>([root]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var d in DirectionExtensions.All)
            {
                if (machine.TryGetNeighbour(at, d, out var next) && seen.Add(next))
                {
                    parent[next] = d;
                    queue.Enqueue(next);
                }
            }
        }

        return parent;
    }
}
