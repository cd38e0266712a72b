using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Splitting;

/// <summary>
/// The default splitter: finds the most atoms that fit one core (a binary search on
/// <see cref="ApplicationVertex.ResourcesFor"/>, capped by
/// <see cref="ApplicationVertex.MaxAtomsPerCore"/>), then cuts the vertex into the fewest
/// slices of that size, balanced so that slice sizes differ by at most one atom.
/// </summary>
public sealed class ResourceSplitter : ISplitter
{
    /// <summary>The one instance.</summary>
    public static ResourceSplitter Instance { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<Slice> Split(ApplicationVertex vertex, CoreBudget budget)
    {
        ArgumentNullException.ThrowIfNull(vertex);
        ArgumentNullException.ThrowIfNull(budget);
        var one = vertex.ResourcesFor(new Slice(0, 1));
        if (!budget.Fits(one))
        {
            throw new ResourceException(
                $"application vertex '{vertex.Label}': one atom needs {one}, more than a core has ({budget.Excess(one)})");
        }

        // Largest n with ResourcesFor(n atoms) within the budget; resources grow with n.
        var lo = 1;
        var hi = Math.Min(vertex.AtomCount, vertex.MaxAtomsPerCore);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (budget.Fits(vertex.ResourcesFor(new Slice(0, mid))))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Balanced(vertex.AtomCount, lo);
    }

    /// <summary>The fewest slices of at most <paramref name="maxAtoms"/> atoms, sizes differing by at most one.</summary>
    public static IReadOnlyList<Slice> Balanced(int atomCount, int maxAtoms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atomCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAtoms);
        var count = (atomCount + maxAtoms - 1) / maxAtoms;
        var small = atomCount / count;
        var larger = atomCount % count;
        var slices = new Slice[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var size = small + (i < larger ? 1 : 0);
            slices[i] = new Slice(at, size);
            at += size;
        }

        return slices;
    }
}
