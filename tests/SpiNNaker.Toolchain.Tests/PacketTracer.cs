using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>
/// An independent oracle for routing: follows one multicast packet through loaded routing
/// tables with the router's rules (first match; no match over a link goes straight on; no
/// match from a local core is lost) and returns the cores it reaches.
/// </summary>
internal static class PacketTracer
{
    public static SortedSet<CoreLocation> Trace(SpiNNakerMachine machine, IReadOnlyDictionary<ChipCoordinate, RoutingTable> tables, CoreLocation source, uint key)
    {
        var reached = new SortedSet<CoreLocation>(Comparer<CoreLocation>.Create((a, b) => (a.X, a.Y, a.P).CompareTo((b.X, b.Y, b.P))));
        var visits = new Dictionary<ChipCoordinate, int>();
        var pending = new Queue<(ChipCoordinate Chip, Direction? ArrivedBy)>();
        pending.Enqueue((source.Chip, null));
        while (pending.Count > 0)
        {
            var (chip, arrivedBy) = pending.Dequeue();
            visits[chip] = visits.GetValueOrDefault(chip) + 1;
            if (visits[chip] > 1)
            {
                throw new InvalidOperationException($"key 0x{key:X8} visits chip {chip} twice (a loop or a duplicate)");
            }

            RouteWord route;
            if (tables.TryGetValue(chip, out var table) && table.TryLookup(key, out var found))
            {
                route = found;
            }
            else if (arrivedBy is { } d)
            {
                route = RouteWord.ToLink(d); // default routing: straight on
            }
            else
            {
                continue; // a local packet with no entry is lost
            }

            foreach (var p in route.Cores)
            {
                reached.Add(new CoreLocation(chip, p));
            }

            foreach (var link in route.Links)
            {
                if (!machine.TryGetNeighbour(chip, link, out var next))
                {
                    throw new InvalidOperationException($"key 0x{key:X8} is routed over link {link} of chip {chip}, which does not work");
                }

                pending.Enqueue((next, link));
            }
        }

        return reached;
    }
}
