namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// The graph a user describes: application vertices (split by the toolchain) and machine
/// vertices (one core each, taken as they are), joined by edges grouped into outgoing
/// partitions.
/// </summary>
public sealed class ApplicationGraph
{
    private readonly List<Vertex> _vertices = [];
    private readonly HashSet<Vertex> _vertexSet = [];
    private readonly List<ApplicationEdge> _edges = [];
    private readonly List<ApplicationEdgePartition> _partitions = [];
    private readonly Dictionary<(Vertex, string), ApplicationEdgePartition> _partitionIndex = [];

    /// <summary>The vertices, in the order they were added.</summary>
    public IReadOnlyList<Vertex> Vertices => _vertices;

    /// <summary>The edges, in the order they were added.</summary>
    public IReadOnlyList<ApplicationEdge> Edges => _edges;

    /// <summary>The outgoing partitions, in the order they were first named.</summary>
    public IReadOnlyList<ApplicationEdgePartition> Partitions => _partitions;

    /// <summary>The total number of atoms (a machine vertex counts as one).</summary>
    public long AtomCount => _vertices.Sum(v => v is ApplicationVertex a ? (long)a.AtomCount : 1L);

    /// <summary>Adds a vertex (an application vertex or a machine vertex); returns it.</summary>
    /// <exception cref="ArgumentException">The vertex is already in the graph, or has a label already used.</exception>
    public T AddVertex<T>(T vertex)
        where T : Vertex
    {
        ArgumentNullException.ThrowIfNull(vertex);
        if (!_vertexSet.Add(vertex))
        {
            throw new ArgumentException($"vertex '{vertex.Label}' is already in the graph", nameof(vertex));
        }

        _vertices.Add(vertex);
        return vertex;
    }

    /// <summary>Whether <paramref name="vertex"/> is in the graph.</summary>
    public bool Contains(Vertex vertex) => _vertexSet.Contains(vertex);

    /// <summary>
    /// Adds an edge from <paramref name="source"/> to <paramref name="target"/> in the source's
    /// partition <paramref name="partitionIdentifier"/> (created if new).
    /// </summary>
    /// <param name="source">The sending vertex, already in the graph.</param>
    /// <param name="target">The receiving vertex, already in the graph.</param>
    /// <param name="partitionIdentifier">The partition, e.g. "forward".</param>
    /// <param name="connectivity">Which atoms connect (default: all to all).</param>
    /// <exception cref="ArgumentException">An end is not in the graph, or the identifier is empty.</exception>
    public ApplicationEdge AddEdge(Vertex source, Vertex target, string partitionIdentifier, IAtomConnectivity? connectivity = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Contains(target))
        {
            throw new ArgumentException($"edge target '{target.Label}' is not in the graph; add it first", nameof(target));
        }

        var partition = AddPartition(source, partitionIdentifier);

        var edge = new ApplicationEdge(source, target, partitionIdentifier, connectivity ?? AllToAllConnectivity.Instance);
        partition.Add(edge);
        _edges.Add(edge);
        return edge;
    }

    /// <summary>
    /// The partition <paramref name="identifier"/> of <paramref name="source"/>, created
    /// (possibly without edges: it still gets keys, e.g. for packets sent to the host) if new.
    /// </summary>
    public ApplicationEdgePartition AddPartition(Vertex source, string identifier)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        if (!Contains(source))
        {
            throw new ArgumentException($"partition source '{source.Label}' is not in the graph; add it first", nameof(source));
        }

        if (!_partitionIndex.TryGetValue((source, identifier), out var partition))
        {
            partition = new ApplicationEdgePartition(source, identifier);
            _partitionIndex.Add((source, identifier), partition);
            _partitions.Add(partition);
        }

        return partition;
    }

    /// <summary>The partitions leaving <paramref name="source"/>.</summary>
    public IEnumerable<ApplicationEdgePartition> OutgoingPartitionsOf(Vertex source) => _partitions.Where(p => p.Source == source);
}
