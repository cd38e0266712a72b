using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Splitting;

/// <summary>
/// Cuts a vertex into slices of exactly <see cref="AtomsPerCore"/> atoms (the last may be
/// smaller), as PACMAN's fixed-size splitters do; one atom per core reproduces the seed's
/// neuron-per-core mapping.
/// </summary>
public sealed class FixedSizeSplitter : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one atom per core.</exception>
    public FixedSizeSplitter(int atomsPerCore)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atomsPerCore);
        AtomsPerCore = atomsPerCore;
    }

    /// <summary>The atoms of every slice but the last.</summary>
    public int AtomsPerCore { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Slice> Split(ApplicationVertex vertex, CoreBudget budget)
    {
        ArgumentNullException.ThrowIfNull(vertex);
        ArgumentNullException.ThrowIfNull(budget);
        var slices = new List<Slice>();
        for (var at = 0; at < vertex.AtomCount; at += AtomsPerCore)
        {
            var slice = new Slice(at, Math.Min(AtomsPerCore, vertex.AtomCount - at));
            var needs = vertex.ResourcesFor(slice);
            if (!budget.Fits(needs))
            {
                throw new ResourceException(
                    $"application vertex '{vertex.Label}': slice {slice} of {AtomsPerCore} atoms per core needs {needs}, more than a core has ({budget.Excess(needs)})");
            }

            slices.Add(slice);
        }

        return slices;
    }
}
