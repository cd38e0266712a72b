using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>The key allocation pass: disjoint keys for every partition, honouring fixed keys.</summary>
public interface IKeyAllocator
{
    /// <summary>Allocates keys for every partition of <paramref name="graph"/>.</summary>
    /// <exception cref="KeyAllocationException">Fixed keys overlap, or the 32-bit key space is exhausted.</exception>
    RoutingInfo Allocate(MachineGraph graph);
}
