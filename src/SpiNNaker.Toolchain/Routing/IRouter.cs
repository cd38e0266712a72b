using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;

namespace SpiNNaker.Toolchain.Routing;

/// <summary>The routing pass: a multicast tree for every partition, over working links only.</summary>
public interface IRouter
{
    /// <summary>Routes every partition of <paramref name="graph"/> that has targets.</summary>
    /// <exception cref="RoutingException">A target cannot be reached from its source.</exception>
    RoutingTreeSet Route(MachineGraph graph, PlacementSet placements, SpiNNakerMachine machine);
}
