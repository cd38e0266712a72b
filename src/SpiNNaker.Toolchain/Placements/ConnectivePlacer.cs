using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>
/// The default placer. Vertices with a fixed chip (and the vertices that must share their
/// chip) go first, where they must. The rest fill the chips in radial order from the
/// Ethernet chip outwards (<see cref="RadialChipOrder"/>), in an order that keeps
/// communicating vertices together (<see cref="Order"/>): a breadth-first walk of the
/// connections (the default; keeps each layer of a dense network on few chips), or one
/// cluster of most-connected vertices per chip (best for sparse, local graphs such as grids).
/// A chip takes a vertex only while it has a free application core and SDRAM for it.
/// </summary>
public sealed class ConnectivePlacer : IPlacer
{
    /// <summary>How vertices are ordered for filling the chips (default: breadth-first).</summary>
    public PlacementOrder Order { get; init; } = PlacementOrder.BreadthFirst;

    /// <inheritdoc/>
    public PlacementSet Place(MachineGraph graph, SpiNNakerMachine machine)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(machine);
        var state = new PlacementState(graph, machine);
        state.CheckTotals();
        var groups = SameChipGroups.Build(graph, machine);
        foreach (var group in groups.Fixed)
        {
            state.PlaceFixed(group);
        }

        if (Order == PlacementOrder.BreadthFirst)
        {
            var current = 0;
            foreach (var i in ConnectionOrder(graph))
            {
                var group = groups.GroupOf(i);
                if (!state.IsPlaced(group.Members[0]))
                {
                    current = state.PlaceFromCursor(group, current);
                }
            }
        }
        else
        {
            PlaceByClusters(graph, state, groups);
        }

        return state.Result;
    }

    /// <summary>
    /// Grows one cluster per chip: the next vertex is the unplaced one with most connections
    /// to the vertices on the chip being filled (ties: most connections to everything placed,
    /// then graph order); a new chip starts from the unplaced vertex with most connections to
    /// everything placed (graph order when none has any).
    /// </summary>
    private static void PlaceByClusters(MachineGraph graph, PlacementState state, SameChipGroups groups)
    {
        var n = graph.Vertices.Count;
        var neighbours = Neighbours(graph);
        var onChip = new int[n];
        var placedLinks = new int[n];
        var touched = new List<int>();
        var local = new PriorityQueue<int, (int, int, int)>();
        var global = new PriorityQueue<int, (int, int)>();
        var done = new bool[n];
        foreach (var group in groups.Fixed)
        {
            foreach (var v in group.Members)
            {
                done[graph.IndexOf(v)] = true;
            }
        }

        foreach (var group in groups.Fixed)
        {
            foreach (var v in group.Members)
            {
                foreach (var u in neighbours[graph.IndexOf(v)])
                {
                    if (!done[u])
                    {
                        global.Enqueue(u, (-++placedLinks[u], u));
                    }
                }
            }
        }

        var nextInOrder = 0;
        var cursor = 0;
        var chip = -1;
        var remaining = n - done.Count(d => d);
        while (remaining > 0)
        {
            var pick = -1;
            while (local.TryDequeue(out var candidate, out var priority))
            {
                if (!done[candidate] && -priority.Item1 == onChip[candidate] && -priority.Item2 == placedLinks[candidate])
                {
                    pick = candidate;
                    break;
                }
            }

            while (pick < 0 && global.TryDequeue(out var candidate, out var priority))
            {
                if (!done[candidate] && -priority.Item1 == placedLinks[candidate])
                {
                    pick = candidate;
                }
            }

            while (pick < 0)
            {
                if (!done[nextInOrder])
                {
                    pick = nextInOrder;
                }

                nextInOrder++;
            }

            var group = groups.GroupOf(pick);
            cursor = state.PlaceFromCursor(group, cursor, out var placedAt);
            if (placedAt != chip)
            {
                // A new chip: connections to the old one no longer count.
                foreach (var t in touched)
                {
                    onChip[t] = 0;
                }

                touched.Clear();
                local.Clear();
                chip = placedAt;
            }

            foreach (var member in group.Members)
            {
                var m = graph.IndexOf(member);
                done[m] = true;
                remaining--;
                foreach (var u in neighbours[m])
                {
                    if (done[u])
                    {
                        continue;
                    }

                    onChip[u]++;
                    placedLinks[u]++;
                    touched.Add(u);
                    local.Enqueue(u, (-onChip[u], -placedLinks[u], u));
                    global.Enqueue(u, (-placedLinks[u], u));
                }
            }

            // Stale entries of the old chip are skipped by the checks above.
        }
    }

    /// <summary>Each vertex's distinct neighbours (targets and sources), ascending.</summary>
    private static int[][] Neighbours(MachineGraph graph)
    {
        var sets = new HashSet<int>[graph.Vertices.Count];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = [];
        }

        foreach (var partition in graph.Partitions)
        {
            var s = graph.IndexOf(partition.Source);
            foreach (var target in partition.Targets)
            {
                var t = graph.IndexOf(target);
                if (t != s)
                {
                    sets[s].Add(t);
                    sets[t].Add(s);
                }
            }
        }

        return [.. sets.Select(set => set.Order().ToArray())];
    }

    /// <summary>Vertex indices in breadth-first order over connections, starting walks in graph order.</summary>
    internal static List<int> ConnectionOrder(MachineGraph graph)
    {
        var n = graph.Vertices.Count;
        var neighbours = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            neighbours[i] = [];
        }

        foreach (var partition in graph.Partitions)
        {
            var s = graph.IndexOf(partition.Source);
            foreach (var target in partition.Targets)
            {
                var t = graph.IndexOf(target);
                neighbours[s].Add(t);
                neighbours[t].Add(s);
            }
        }

        var order = new List<int>(n);
        var visited = new bool[n];
        var queue = new Queue<int>();
        for (var start = 0; start < n; start++)
        {
            if (visited[start])
            {
                continue;
            }

            visited[start] = true;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var at = queue.Dequeue();
                order.Add(at);
                foreach (var next in neighbours[at])
                {
                    if (!visited[next])
                    {
                        visited[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return order;
    }
}
