using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>The placement pass: gives every machine vertex a working application core.</summary>
public interface IPlacer
{
    /// <summary>Places every vertex of <paramref name="graph"/> on <paramref name="machine"/>.</summary>
    /// <exception cref="PlacementException">The graph does not fit, or a constraint cannot be met.</exception>
    PlacementSet Place(MachineGraph graph, SpiNNakerMachine machine);
}
