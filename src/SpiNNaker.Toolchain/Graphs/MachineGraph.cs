namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// The graph the mapping passes work on: machine vertices (one core each) and their outgoing
/// edge partitions. Made by splitting an <see cref="ApplicationGraph"/>, or built by hand.
/// </summary>
public sealed class MachineGraph
{
    private readonly List<MachineVertex> _vertices = [];
    private readonly Dictionary<MachineVertex, int> _vertexIndex = [];
    private readonly List<OutgoingEdgePartition> _partitions = [];
    private readonly Dictionary<(MachineVertex, string), OutgoingEdgePartition> _partitionIndex = [];
    private readonly Dictionary<MachineVertex, List<OutgoingEdgePartition>> _outgoing = [];
    private readonly Dictionary<MachineVertex, List<OutgoingEdgePartition>> _incoming = [];
    private readonly Dictionary<ApplicationVertex, List<MachineVertex>> _byApplication = [];
    private int _edgeCount;

    /// <summary>The vertices, in the order added.</summary>
    public IReadOnlyList<MachineVertex> Vertices => _vertices;

    /// <summary>The outgoing partitions, in the order created.</summary>
    public IReadOnlyList<OutgoingEdgePartition> Partitions => _partitions;

    /// <summary>The number of edges.</summary>
    public int EdgeCount => _edgeCount;

    /// <summary>The application vertices that machine vertices were split from, in the order first seen.</summary>
    public IEnumerable<ApplicationVertex> ApplicationVertices => _byApplication.Keys;

    /// <summary>Adds a vertex; returns it.</summary>
    /// <exception cref="ArgumentException">The vertex is already in the graph.</exception>
    public T AddVertex<T>(T vertex)
        where T : MachineVertex
    {
        ArgumentNullException.ThrowIfNull(vertex);
        if (!_vertexIndex.TryAdd(vertex, _vertices.Count))
        {
            throw new ArgumentException($"machine vertex '{vertex.Label}' is already in the graph", nameof(vertex));
        }

        _vertices.Add(vertex);
        if (vertex.Application is { } app)
        {
            if (!_byApplication.TryGetValue(app, out var list))
            {
                _byApplication[app] = list = [];
            }

            list.Add(vertex);
        }

        return vertex;
    }

    /// <summary>Whether <paramref name="vertex"/> is in the graph.</summary>
    public bool Contains(MachineVertex vertex) => _vertexIndex.ContainsKey(vertex);

    /// <summary>The position of <paramref name="vertex"/> in <see cref="Vertices"/>.</summary>
    /// <exception cref="ArgumentException">The vertex is not in the graph.</exception>
    public int IndexOf(MachineVertex vertex) =>
        _vertexIndex.TryGetValue(vertex, out var i) ? i : throw new ArgumentException($"machine vertex '{vertex.Label}' is not in the graph", nameof(vertex));

    /// <summary>
    /// The partition <paramref name="identifier"/> of <paramref name="source"/>, created if new
    /// with <paramref name="keyCount"/> keys (default: <see cref="MachineVertex.KeyCountFor"/>).
    /// </summary>
    public OutgoingEdgePartition AddPartition(MachineVertex source, string identifier, int? keyCount = null) =>
        AddPartition(source, identifier, keyCount, null);

    /// <summary>Adds an edge from <paramref name="source"/> to <paramref name="target"/> in partition <paramref name="identifier"/>.</summary>
    /// <exception cref="ArgumentException">An end is not in the graph.</exception>
    public MachineEdge AddEdge(MachineVertex source, MachineVertex target, string identifier)
    {
        var partition = AddPartition(source, identifier);
        return AddEdge(partition, target);
    }

    /// <summary>Adds an edge from the partition's source to <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The target is not in the graph.</exception>
    public MachineEdge AddEdge(OutgoingEdgePartition partition, MachineVertex target)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(target);
        if (FindPartition(partition.Source, partition.Identifier) != partition)
        {
            throw new ArgumentException($"partition {partition} belongs to another graph", nameof(partition));
        }

        if (!Contains(target))
        {
            throw new ArgumentException($"edge target '{target.Label}' is not in the graph; add it first", nameof(target));
        }

        var edge = new MachineEdge(partition.Source, target, partition.Identifier);
        var before = partition.Targets.Count;
        partition.Add(edge);
        if (partition.Targets.Count > before)
        {
            if (!_incoming.TryGetValue(target, out var list))
            {
                _incoming[target] = list = [];
            }

            list.Add(partition);
        }

        _edgeCount++;
        return edge;
    }

    /// <summary>The partition <paramref name="identifier"/> of <paramref name="source"/>, or null.</summary>
    public OutgoingEdgePartition? FindPartition(MachineVertex source, string identifier) =>
        _partitionIndex.GetValueOrDefault((source, identifier));

    /// <summary>The partitions leaving <paramref name="source"/>.</summary>
    public IReadOnlyList<OutgoingEdgePartition> OutgoingPartitionsOf(MachineVertex source) =>
        _outgoing.TryGetValue(source, out var list) ? list : [];

    /// <summary>The partitions that have <paramref name="target"/> among their targets.</summary>
    public IReadOnlyList<OutgoingEdgePartition> IncomingPartitionsOf(MachineVertex target) =>
        _incoming.TryGetValue(target, out var list) ? list : [];

    /// <summary>The machine vertices split from <paramref name="application"/>, in slice order.</summary>
    public IReadOnlyList<MachineVertex> MachineVerticesOf(ApplicationVertex application) =>
        _byApplication.TryGetValue(application, out var list) ? list : [];

    internal OutgoingEdgePartition AddPartition(MachineVertex source, string identifier, int? keyCount, ApplicationEdgePartition? applicationPartition)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        if (!Contains(source))
        {
            throw new ArgumentException($"partition source '{source.Label}' is not in the graph; add it first", nameof(source));
        }

        if (_partitionIndex.TryGetValue((source, identifier), out var partition))
        {
            return partition;
        }

        var keys = keyCount ?? source.KeyCountFor(identifier);
        if (keys < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keyCount), keys, $"partition '{identifier}' of '{source.Label}' needs at least one key");
        }

        partition = new OutgoingEdgePartition(_partitions.Count, source, identifier, keys, applicationPartition);
        _partitionIndex.Add((source, identifier), partition);
        _partitions.Add(partition);
        if (!_outgoing.TryGetValue(source, out var outgoing))
        {
            _outgoing[source] = outgoing = [];
        }

        outgoing.Add(partition);
        return partition;
    }
}
