using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Routing;

/// <summary>The router's result: one multicast tree per partition that has targets.</summary>
public sealed class RoutingTreeSet
{
    private readonly Dictionary<OutgoingEdgePartition, MulticastTree> _trees = [];
    private readonly List<MulticastTree> _order = [];

    /// <summary>The trees in partition order.</summary>
    public IReadOnlyList<MulticastTree> Trees => _order;

    /// <summary>The total number of links over all trees.</summary>
    public long LinkCount => _order.Sum(t => (long)t.LinkCount);

    /// <summary>Adds the tree of its partition.</summary>
    /// <exception cref="ArgumentException">The partition already has a tree.</exception>
    public void Add(MulticastTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (!_trees.TryAdd(tree.Partition, tree))
        {
            throw new ArgumentException($"partition {tree.Partition} already has a tree", nameof(tree));
        }

        _order.Add(tree);
    }

    /// <summary>The tree of <paramref name="partition"/>, if it has one (a partition without targets has none).</summary>
    public bool TryGetTree(OutgoingEdgePartition partition, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MulticastTree? tree) =>
        _trees.TryGetValue(partition, out tree);
}
