using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// An application vertex whose atoms each need the same resources, on top of a fixed cost
/// per core; it splits into <see cref="SimpleMachineVertex"/> instances. For mapping without
/// running (virtual machines, benchmarks, tests).
/// </summary>
public sealed class SimpleApplicationVertex : ApplicationVertex
{
    /// <summary>Creates the vertex.</summary>
    /// <param name="label">Its name.</param>
    /// <param name="atomCount">The number of atoms.</param>
    /// <param name="perAtom">What each atom adds to a core's needs.</param>
    /// <param name="perCore">What every core needs whatever its atoms.</param>
    /// <param name="maxAtomsPerCore">The most atoms per core.</param>
    public SimpleApplicationVertex(string label, int atomCount, ResourceRequirements perAtom, ResourceRequirements perCore = default, int maxAtomsPerCore = int.MaxValue)
        : base(label, atomCount, maxAtomsPerCore)
    {
        PerAtom = perAtom;
        PerCore = perCore;
    }

    /// <summary>What each atom adds.</summary>
    public ResourceRequirements PerAtom { get; }

    /// <summary>What every core needs.</summary>
    public ResourceRequirements PerCore { get; }

    /// <summary><c>PerCore + Count * PerAtom</c>.</summary>
    public override ResourceRequirements ResourcesFor(Slice slice) =>
        new(
            (int)Math.Min(int.MaxValue, PerCore.DtcmBytes + ((long)slice.Count * PerAtom.DtcmBytes)),
            PerCore.SdramBytes + (slice.Count * PerAtom.SdramBytes),
            PerCore.CyclesPerTimestep + (slice.Count * PerAtom.CyclesPerTimestep));

    /// <inheritdoc/>
    public override MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources) =>
        new SimpleMachineVertex($"{Label}{slice}", resources);
}
