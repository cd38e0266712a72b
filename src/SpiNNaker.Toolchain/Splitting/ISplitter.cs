using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Splitting;

/// <summary>Cuts the atoms of one application vertex into slices, one core each.</summary>
public interface ISplitter
{
    /// <summary>
    /// The slices of <paramref name="vertex"/>, in atom order, covering every atom once, each
    /// within <paramref name="budget"/>.
    /// </summary>
    /// <exception cref="ResourceException">Not even one atom fits a core.</exception>
    IReadOnlyList<Slice> Split(ApplicationVertex vertex, CoreBudget budget);
}
