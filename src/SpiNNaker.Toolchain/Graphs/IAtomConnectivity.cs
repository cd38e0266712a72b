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

    /// <summary>
    /// The indices, ascending, of the slices of <paramref name="postSlices"/> (in atom order,
    /// covering the target) that some atom of <paramref name="pre"/> connects to. The default
    /// asks <see cref="Connects"/> of every slice; sparse connectivities answer faster.
    /// </summary>
    IEnumerable<int> ConnectedSlices(Slice pre, IReadOnlyList<Slice> postSlices)
    {
        for (var i = 0; i < postSlices.Count; i++)
        {
            if (Connects(pre, postSlices[i]))
            {
                yield return i;
            }
        }
    }

    /// <summary>The index of the slice of <paramref name="slices"/> (in atom order) holding <paramref name="atom"/>, or -1.</summary>
    static int SliceOf(IReadOnlyList<Slice> slices, int atom)
    {
        int lo = 0, hi = slices.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (atom < slices[mid].LoAtom)
            {
                hi = mid - 1;
            }
            else if (atom >= slices[mid].HiAtom)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
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

    /// <summary>The slices overlapping <paramref name="pre"/>'s atom range, found by binary search.</summary>
    public IEnumerable<int> ConnectedSlices(Slice pre, IReadOnlyList<Slice> postSlices)
    {
        ArgumentNullException.ThrowIfNull(postSlices);
        for (var atom = pre.LoAtom; atom < pre.HiAtom;)
        {
            var i = IAtomConnectivity.SliceOf(postSlices, atom);
            if (i < 0)
            {
                yield break;
            }

            yield return i;
            atom = postSlices[i].HiAtom;
        }
    }
}
