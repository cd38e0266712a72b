using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Routing;

/// <summary>
/// The multicast tree of one partition: from the source core's chip over working links to
/// every chip with a target core, each chip visited once.
/// </summary>
public sealed class MulticastTree
{
    private readonly Dictionary<ChipCoordinate, int> _index = [];
    private readonly List<TreeHop> _hops = [];

    /// <summary>Creates a tree of the source chip alone.</summary>
    public MulticastTree(OutgoingEdgePartition partition, ChipCoordinate sourceChip)
    {
        ArgumentNullException.ThrowIfNull(partition);
        Partition = partition;
        SourceChip = sourceChip;
        _index[sourceChip] = 0;
        _hops.Add(new TreeHop(sourceChip, null, RouteWord.Empty));
    }

    /// <summary>The partition whose packets the tree carries.</summary>
    public OutgoingEdgePartition Partition { get; }

    /// <summary>The chip of the source core (the root).</summary>
    public ChipCoordinate SourceChip { get; }

    /// <summary>The chips of the tree, the root first, each after its parent.</summary>
    public IReadOnlyList<TreeHop> Hops => _hops;

    /// <summary>The number of links the tree uses (each chip but the root is reached by one).</summary>
    public int LinkCount => _hops.Count - 1;

    /// <summary>Whether <paramref name="chip"/> is on the tree.</summary>
    public bool Contains(ChipCoordinate chip) => _index.ContainsKey(chip);

    /// <summary>The hop at <paramref name="chip"/>.</summary>
    /// <exception cref="KeyNotFoundException">The chip is not on the tree.</exception>
    public TreeHop this[ChipCoordinate chip] =>
        _index.TryGetValue(chip, out var i) ? _hops[i] : throw new KeyNotFoundException($"chip {chip} is not on the tree of {Partition}");

    /// <summary>Sends the packets of <paramref name="chip"/> (on the tree) to processor <paramref name="processor"/> too.</summary>
    public void AddCore(ChipCoordinate chip, int processor)
    {
        var i = _index[chip];
        _hops[i] = _hops[i] with { Route = _hops[i].Route.WithCore(processor) };
    }

    /// <summary>
    /// Extends the tree from <paramref name="from"/> (on the tree) over <paramref name="link"/>
    /// to <paramref name="to"/> (not on the tree).
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="to"/> is already on the tree (that would make a loop).</exception>
    public void AddLink(ChipCoordinate from, Direction link, ChipCoordinate to)
    {
        if (_index.ContainsKey(to))
        {
            throw new InvalidOperationException($"chip {to} is already on the tree of {Partition}; adding link {from} {link} would make a loop");
        }

        var i = _index[from];
        _hops[i] = _hops[i] with { Route = _hops[i].Route.WithLink(link) };
        _index[to] = _hops.Count;
        _hops.Add(new TreeHop(to, link, RouteWord.Empty));
    }
}
