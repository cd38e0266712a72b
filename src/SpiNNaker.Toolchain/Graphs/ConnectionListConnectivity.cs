namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// An explicit list of (source atom, target atom) connections, for example a sparse or a
/// convolutional connection pattern.
/// </summary>
public sealed class ConnectionListConnectivity : IAtomConnectivity
{
    // Targets of each source atom, sorted, so a slice pair is answered by binary searches.
    private readonly int[][] _targets;

    /// <summary>Creates the connectivity of <paramref name="connections"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An atom index is negative.</exception>
    public ConnectionListConnectivity(IEnumerable<(int Pre, int Post)> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var lists = new List<List<int>>();
        var count = 0;
        foreach (var (pre, post) in connections)
        {
            if (pre < 0 || post < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(connections), (pre, post), "atom indices of a connection must not be negative");
            }

            while (lists.Count <= pre)
            {
                lists.Add([]);
            }

            lists[pre].Add(post);
            count++;
        }

        _targets = [.. lists.Select(l => l.Distinct().Order().ToArray())];
        ConnectionCount = count;
    }

    /// <summary>The number of connections given (duplicates included).</summary>
    public int ConnectionCount { get; }

    /// <summary>The targets of source atom <paramref name="pre"/>, ascending.</summary>
    public ReadOnlySpan<int> TargetsOf(int pre) => (uint)pre < (uint)_targets.Length ? _targets[pre] : [];

    /// <summary>Whether any atom of <paramref name="pre"/> has a target in <paramref name="post"/>.</summary>
    public bool Connects(Slice pre, Slice post)
    {
        var hi = Math.Min(pre.HiAtom, _targets.Length);
        for (var a = pre.LoAtom; a < hi; a++)
        {
            var targets = _targets[a];
            var i = Array.BinarySearch(targets, post.LoAtom);
            if (i < 0)
            {
                i = ~i;
            }

            if (i < targets.Length && targets[i] < post.HiAtom)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The slices holding a target of an atom of <paramref name="pre"/>, one binary search per connection.</summary>
    public IEnumerable<int> ConnectedSlices(Slice pre, IReadOnlyList<Slice> postSlices)
    {
        ArgumentNullException.ThrowIfNull(postSlices);
        var found = new SortedSet<int>();
        var hi = Math.Min(pre.HiAtom, _targets.Length);
        for (var a = pre.LoAtom; a < hi; a++)
        {
            var last = -1;
            foreach (var target in _targets[a])
            {
                // Targets are sorted: skip those in the slice just found.
                if (last >= 0 && target < postSlices[last].HiAtom)
                {
                    continue;
                }

                last = IAtomConnectivity.SliceOf(postSlices, target);
                if (last >= 0)
                {
                    found.Add(last);
                }
            }
        }

        return found;
    }
}
