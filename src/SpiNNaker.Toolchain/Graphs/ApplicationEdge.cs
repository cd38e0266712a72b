namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// Communication from <see cref="Source"/> to <see cref="Target"/> on the partition named
/// <see cref="PartitionIdentifier"/>; <see cref="Connectivity"/> says which atoms talk.
/// </summary>
public sealed class ApplicationEdge
{
    internal ApplicationEdge(Vertex source, Vertex target, string partitionIdentifier, IAtomConnectivity connectivity)
    {
        Source = source;
        Target = target;
        PartitionIdentifier = partitionIdentifier;
        Connectivity = connectivity;
    }

    /// <summary>The sending vertex.</summary>
    public Vertex Source { get; }

    /// <summary>The receiving vertex.</summary>
    public Vertex Target { get; }

    /// <summary>The outgoing partition of the source that the edge belongs to.</summary>
    public string PartitionIdentifier { get; }

    /// <summary>Which source atoms reach which target atoms.</summary>
    public IAtomConnectivity Connectivity { get; }

    /// <summary>Formats as <c>source -[id]-&gt; target</c>.</summary>
    public override string ToString() => $"{Source.Label} -[{PartitionIdentifier}]-> {Target.Label}";
}
