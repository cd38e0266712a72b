using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>
/// The default placer. Vertices with a fixed chip (and the vertices that must share their
/// chip) go first, where they must. The rest are ordered by a breadth-first walk of the
/// graph's connections (source to targets and back), so communicating vertices come one
/// after another, and fill the chips in radial order from the Ethernet chip outwards
/// (<see cref="RadialChipOrder"/>): neighbours in the walk land on the same or nearby chips.
/// A chip takes a vertex only while it has a free application core and SDRAM for it.
/// </summary>
public sealed class ConnectivePlacer : IPlacer
{
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

        var current = 0;
        foreach (var i in ConnectionOrder(graph))
        {
            var group = groups.GroupOf(i);
            if (state.IsPlaced(group.Members[0]))
            {
                continue;
            }

            current = state.PlaceFromCursor(group, current);
        }

        return state.Result;
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
