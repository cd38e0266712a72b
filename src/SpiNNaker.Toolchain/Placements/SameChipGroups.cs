using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>Reads the placement constraints of a graph into <see cref="SameChipGroup"/>s.</summary>
internal sealed class SameChipGroups
{
    private readonly SameChipGroup[] _groupOf;

    private SameChipGroups(SameChipGroup[] groupOf, List<SameChipGroup> fixedGroups)
    {
        _groupOf = groupOf;
        Fixed = fixedGroups;
    }

    /// <summary>The groups with a fixed chip, in graph order of their first member.</summary>
    public List<SameChipGroup> Fixed { get; }

    /// <summary>The group of the vertex at <paramref name="index"/> in the graph.</summary>
    public SameChipGroup GroupOf(int index) => _groupOf[index];

    /// <summary>The constraints of <paramref name="vertex"/> and of the application vertex it was split from.</summary>
    public static IEnumerable<PlacementConstraint> EffectiveConstraints(MachineVertex vertex) =>
        vertex.Application is { } app ? vertex.Constraints.Concat(app.Constraints) : vertex.Constraints;

    /// <summary>An Ethernet-chip constraint as the fixed chip it names on <paramref name="machine"/>.</summary>
    private static PlacementConstraint Resolve(PlacementConstraint constraint, MachineVertex vertex, SpiNNakerMachine machine)
    {
        if (constraint is not EthernetChipConstraint ethernet)
        {
            return constraint;
        }

        if ((uint)ethernet.Board >= (uint)machine.EthernetChips.Count)
        {
            throw new PlacementException(
                $"machine vertex '{vertex.Label}' must be on the Ethernet chip of board {ethernet.Board}, but the machine ({machine}) has {machine.EthernetChips.Count} Ethernet chips");
        }

        return new ChipAndCoreConstraint(machine.EthernetChips[ethernet.Board]);
    }

    public static SameChipGroups Build(MachineGraph graph, SpiNNakerMachine machine)
    {
        var n = graph.Vertices.Count;
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }

        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        void Union(int a, int b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }

        for (var i = 0; i < n; i++)
        {
            var vertex = graph.Vertices[i];
            foreach (var constraint in EffectiveConstraints(vertex))
            {
                if (constraint is not SameChipConstraint same)
                {
                    continue;
                }

                IReadOnlyList<MachineVertex> others = same.Other switch
                {
                    MachineVertex m when graph.Contains(m) => [m],
                    ApplicationVertex a => graph.MachineVerticesOf(a),
                    _ => [],
                };
                if (others.Count == 0)
                {
                    throw new PlacementException($"machine vertex '{vertex.Label}' must share a chip with '{same.Other.Label}', which is not in the graph");
                }

                foreach (var other in others)
                {
                    Union(i, graph.IndexOf(other));
                }
            }
        }

        var byRoot = new Dictionary<int, SameChipGroup>();
        var groupOf = new SameChipGroup[n];
        var fixedGroups = new List<SameChipGroup>();
        for (var i = 0; i < n; i++)
        {
            var root = Find(i);
            if (!byRoot.TryGetValue(root, out var group))
            {
                byRoot[root] = group = new SameChipGroup([]);
            }

            group.Members.Add(graph.Vertices[i]);
            groupOf[i] = group;
        }

        foreach (var group in byRoot.Values.OrderBy(g => graph.IndexOf(g.Members[0])))
        {
            foreach (var vertex in group.Members)
            {
                foreach (var fixedPlace in EffectiveConstraints(vertex).Select(c => Resolve(c, vertex, machine)).OfType<ChipAndCoreConstraint>())
                {
                    if (group.FixedChip is { } chip && chip != fixedPlace.Chip)
                    {
                        throw new PlacementException(
                            $"machine vertex '{vertex.Label}' must be on chip {fixedPlace.Chip}, but it or a vertex that must share its chip is fixed to chip {chip}");
                    }

                    if (!machine.ContainsChip(fixedPlace.Chip))
                    {
                        throw new PlacementException($"machine vertex '{vertex.Label}' is fixed to chip {fixedPlace.Chip}, which is not a working chip of the machine ({machine})");
                    }

                    group.FixedChip = fixedPlace.Chip;
                    if (fixedPlace.Processor is { } p)
                    {
                        if (group.FixedCores.TryGetValue(vertex, out var q) && q != p)
                        {
                            throw new PlacementException($"machine vertex '{vertex.Label}' is fixed to both processor {q} and processor {p} of chip {fixedPlace.Chip}");
                        }

                        group.FixedCores[vertex] = p;
                    }
                }
            }

            if (group.FixedChip is not null)
            {
                fixedGroups.Add(group);
            }
        }

        return new SameChipGroups(groupOf, fixedGroups);
    }
}
