namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// Which atoms of an application edge's source connect to which atoms of its target: the
/// splitting pass makes a machine edge between two slices only when some atom of the source
/// slice connects to some atom of the target slice.
/// </summary>
public interface IAtomConnectivity
{
    /// <summary>Whether any atom of <paramref name="pre"/> connects to any atom of <paramref name="post"/>.</summary>
    bool Connects(Slice pre, Slice post);
}

/// <summary>Every source atom connects to every target atom (a dense layer).</summary>
public sealed class AllToAllConnectivity : IAtomConnectivity
{
    /// <summary>The one instance.</summary>
    public static AllToAllConnectivity Instance { get; } = new();

    private AllToAllConnectivity()
    {
    }

    /// <summary>Always true.</summary>
    public bool Connects(Slice pre, Slice post) => true;
}

/// <summary>Atom i of the source connects to atom i of the target only.</summary>
public sealed class OneToOneConnectivity : IAtomConnectivity
{
    /// <summary>The one instance.</summary>
    public static OneToOneConnectivity Instance { get; } = new();

    private OneToOneConnectivity()
    {
    }

    /// <summary>Whether the slices share an atom index.</summary>
    public bool Connects(Slice pre, Slice post) => pre.Overlaps(post);
}
