using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain;

/// <summary>
/// Machines too big to simulate, for virtual mapping: <see cref="Mapper.Map(Graphs.ApplicationGraph, SpiNNakerMachine)"/>
/// runs on them as on any machine, and the mapping's report gives the cores, chips and
/// routing-table sizes a graph would need, without loading or running it.
/// </summary>
public static class VirtualMachines
{
    /// <summary>Triads in each direction of SpiNNaker1M: 20 x 20 triads = 1,200 SpiN-5 boards.</summary>
    public const int SpiNNaker1MTriads = 20;

    /// <summary>
    /// A SpiNNaker1M-sized machine: 20 x 20 triads of SpiN-5 boards, a 240 x 240 torus of
    /// 57,600 chips, 979,200 application cores at 17 per chip (1,036,800 processors).
    /// </summary>
    public static SpiNNakerMachine SpiNNaker1M(MachineOptions? options = null) =>
        MachineBuilder.Triads(SpiNNaker1MTriads, SpiNNaker1MTriads, options);
}
