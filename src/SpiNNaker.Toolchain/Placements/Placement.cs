using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>A machine vertex and the core it runs on.</summary>
/// <param name="Vertex">The vertex.</param>
/// <param name="Core">The core.</param>
public readonly record struct Placement(MachineVertex Vertex, CoreLocation Core)
{
    /// <summary>Formats as <c>label on (x, y, p)</c>.</summary>
    public override string ToString() => $"{Vertex.Label} on {Core}";
}
