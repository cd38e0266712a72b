using SpiNNaker.Toolchain.Keys;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// The edges leaving one machine vertex with one identifier: one source, many targets, a
/// number of keys. The key allocator gives it a key range; the router a multicast tree to
/// every target.
/// </summary>
public sealed class OutgoingEdgePartition
{
    private readonly List<MachineVertex> _targets = [];
    private readonly HashSet<MachineVertex> _targetSet = [];
    private readonly List<MachineEdge> _edges = [];

    internal OutgoingEdgePartition(int index, MachineVertex source, string identifier, int keyCount, ApplicationEdgePartition? applicationPartition)
    {
        Index = index;
        Source = source;
        Identifier = identifier;
        KeyCount = keyCount;
        ApplicationPartition = applicationPartition;
    }

    /// <summary>The position of the partition in its graph (0-based, in order of creation).</summary>
    public int Index { get; }

    /// <summary>The sending vertex.</summary>
    public MachineVertex Source { get; }

    /// <summary>The partition's name, e.g. "forward".</summary>
    public string Identifier { get; }

    /// <summary>The number of distinct keys the source sends on this partition.</summary>
    public int KeyCount { get; }

    /// <summary>Keys the partition must use, or null to let the allocator choose.</summary>
    public FixedKeyAndMask? FixedKeys { get; set; }

    /// <summary>The application partition this one was split from, if any.</summary>
    public ApplicationEdgePartition? ApplicationPartition { get; }

    /// <summary>The distinct receiving vertices, in the order first connected.</summary>
    public IReadOnlyList<MachineVertex> Targets => _targets;

    /// <summary>The edges, in the order added.</summary>
    public IReadOnlyList<MachineEdge> Edges => _edges;

    internal void Add(MachineEdge edge)
    {
        _edges.Add(edge);
        if (_targetSet.Add(edge.Target))
        {
            _targets.Add(edge.Target);
        }
    }

    /// <summary>Formats as <c>source/id</c>.</summary>
    public override string ToString() => $"{Source.Label}/{Identifier}";
}
