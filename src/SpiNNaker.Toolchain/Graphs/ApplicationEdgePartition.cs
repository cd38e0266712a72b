using SpiNNaker.Toolchain.Keys;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// The edges leaving one vertex with one identifier (for example "forward"): one source, many
/// targets. Split into one <see cref="OutgoingEdgePartition"/> per machine vertex of the source.
/// </summary>
public sealed class ApplicationEdgePartition
{
    private readonly List<ApplicationEdge> _edges = [];

    internal ApplicationEdgePartition(Vertex source, string identifier)
    {
        Source = source;
        Identifier = identifier;
    }

    /// <summary>The sending vertex.</summary>
    public Vertex Source { get; }

    /// <summary>The partition's name, unique among the source's partitions.</summary>
    public string Identifier { get; }

    /// <summary>The edges, in the order they were added.</summary>
    public IReadOnlyList<ApplicationEdge> Edges => _edges;

    /// <summary>
    /// Keys and masks the partition must use, or null to let the key allocator choose. Only
    /// for a source that becomes a single machine vertex (a machine vertex, or an application
    /// vertex split into one slice).
    /// </summary>
    public FixedKeyAndMask? FixedKeys { get; set; }

    internal void Add(ApplicationEdge edge) => _edges.Add(edge);

    /// <summary>Formats as <c>source/id</c>.</summary>
    public override string ToString() => $"{Source.Label}/{Identifier}";
}
