namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// A unit of computation in a graph: an <see cref="ApplicationVertex"/> (many atoms, split
/// over cores) or a <see cref="MachineVertex"/> (exactly one core).
/// </summary>
public abstract class Vertex
{
    private readonly List<PlacementConstraint> _constraints = [];

    /// <summary>Creates a vertex.</summary>
    /// <exception cref="ArgumentException">The label is empty.</exception>
    protected Vertex(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Label = label;
    }

    /// <summary>A human-readable name used in reports and error messages.</summary>
    public string Label { get; }

    /// <summary>Where the placer must (or may only) put the vertex.</summary>
    public IReadOnlyList<PlacementConstraint> Constraints => _constraints;

    /// <summary>Adds a placement constraint; returns this vertex.</summary>
    public Vertex AddConstraint(PlacementConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        _constraints.Add(constraint);
        return this;
    }

    /// <summary>The label.</summary>
    public override string ToString() => Label;
}
