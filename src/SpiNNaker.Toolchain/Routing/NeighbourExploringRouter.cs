using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;

namespace SpiNNaker.Toolchain.Routing;

/// <summary>
/// The default router, after the Neighbour Exploring Routing of Heathcote's thesis (used by
/// Rig and PACMAN). Target chips are joined in order of distance from the source; each joins
/// the tree at the tree chip nearest to it, over a shortest path of working links (diagonal
/// steps first, longest dimension first; a breadth-first detour when a dead chip or link is
/// on the way: <see cref="SpiNNakerMachine.ShortestPath"/>). A path that meets the tree
/// again joins it there, so branches share links and no chip is visited twice.
/// </summary>
public sealed class NeighbourExploringRouter : IRouter
{
    /// <inheritdoc/>
    public RoutingTreeSet Route(MachineGraph graph, PlacementSet placements, SpiNNakerMachine machine)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(placements);
        ArgumentNullException.ThrowIfNull(machine);
        var result = new RoutingTreeSet();
        foreach (var partition in graph.Partitions)
        {
            if (partition.Targets.Count > 0)
            {
                result.Add(RoutePartition(partition, placements, machine));
            }
        }

        return result;
    }

    /// <summary>The tree of one partition.</summary>
    public static MulticastTree RoutePartition(OutgoingEdgePartition partition, PlacementSet placements, SpiNNakerMachine machine)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(placements);
        ArgumentNullException.ThrowIfNull(machine);
        var source = placements[partition.Source].Chip;
        var tree = new MulticastTree(partition, source);
        var coresByChip = new Dictionary<ChipCoordinate, List<int>>();
        foreach (var target in partition.Targets)
        {
            var core = placements[target];
            if (!coresByChip.TryGetValue(core.Chip, out var cores))
            {
                coresByChip[core.Chip] = cores = [];
            }

            cores.Add(core.P);
        }

        var order = coresByChip.Keys
            .OrderBy(c => machine.Distance(source, c))
            .ThenBy(c => c.X)
            .ThenBy(c => c.Y)
            .ToList();
        foreach (var chip in order)
        {
            if (!tree.Contains(chip))
            {
                Join(tree, chip, machine, partition);
            }

            foreach (var p in coresByChip[chip])
            {
                tree.AddCore(chip, p);
            }
        }

        return tree;
    }

    private static void Join(MulticastTree tree, ChipCoordinate target, SpiNNakerMachine machine, OutgoingEdgePartition partition)
    {
        // The tree chip nearest the target (first found on ties: nearer the root).
        var attach = tree.SourceChip;
        var best = int.MaxValue;
        foreach (var hop in tree.Hops)
        {
            var d = machine.Distance(hop.Chip, target);
            if (d < best)
            {
                best = d;
                attach = hop.Chip;
            }
        }

        var path = machine.ShortestPath(attach, target)
            ?? throw new RoutingException(
                $"partition {partition} cannot reach chip {target} (a target of it) from chip {attach} on its tree rooted at {tree.SourceChip}: no path of working links (dead chips or links cut the chip off)");
        var chips = machine.Walk(attach, path);

        // Join at the last chip of the path that is already on the tree.
        var start = -1;
        for (var i = chips.Count - 1; i >= 0; i--)
        {
            if (tree.Contains(chips[i]))
            {
                start = i;
                break;
            }
        }

        var from = start >= 0 ? chips[start] : attach;
        for (var i = start + 1; i < chips.Count; i++)
        {
            tree.AddLink(from, path[i], chips[i]);
            from = chips[i];
        }
    }
}
