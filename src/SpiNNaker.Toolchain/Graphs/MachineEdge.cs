namespace SpiNNaker.Toolchain.Graphs;

/// <summary>Communication from one core's vertex to another's on one outgoing partition.</summary>
/// <param name="Source">The sending vertex.</param>
/// <param name="Target">The receiving vertex.</param>
/// <param name="PartitionIdentifier">The source's partition the edge belongs to.</param>
public sealed record MachineEdge(MachineVertex Source, MachineVertex Target, string PartitionIdentifier)
{
    /// <summary>Formats as <c>source -[id]-&gt; target</c>.</summary>
    public override string ToString() => $"{Source.Label} -[{PartitionIdentifier}]-> {Target.Label}";
}
