using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>
/// The working chips in order of hops from the first Ethernet chip over working links
/// (a breadth-first flood, links tried in order 0-5, so the order is deterministic). Chips
/// the flood cannot reach are left out: the host could not load them.
/// </summary>
public static class RadialChipOrder
{
    /// <summary>The reachable chips of <paramref name="machine"/>, nearest the Ethernet chip first.</summary>
    public static IReadOnlyList<Chip> Of(SpiNNakerMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.EthernetChips.Count == 0)
        {
            return [];
        }

        var seen = new HashSet<ChipCoordinate>();
        var order = new List<Chip>(machine.ChipCount);
        var queue = new Queue<ChipCoordinate>();
        var start = machine.EthernetChips[0];
        seen.Add(start);
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            var chip = machine.GetChip(at);
            order.Add(chip);
            foreach (var d in chip.Links)
            {
                if (chip.TryGetLinkTarget(d, out var next) && seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return order;
    }
}
