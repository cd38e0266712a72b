using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Splitting;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// A vertex of many atoms (for example the neurons of a layer) that the splitting pass cuts
/// into slices, one <see cref="MachineVertex"/> per slice, each small enough for one core.
/// </summary>
public abstract class ApplicationVertex : Vertex
{
    /// <summary>Creates an application vertex.</summary>
    /// <param name="label">The name in reports and errors.</param>
    /// <param name="atomCount">The number of atoms, at least 1.</param>
    /// <param name="maxAtomsPerCore">The most atoms one machine vertex may hold, at least 1.</param>
    protected ApplicationVertex(string label, int atomCount, int maxAtomsPerCore = int.MaxValue)
        : base(label)
    {
        if (atomCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(atomCount), atomCount, $"application vertex '{label}' needs at least one atom");
        }

        if (maxAtomsPerCore < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAtomsPerCore), maxAtomsPerCore, $"application vertex '{label}' must allow at least one atom per core");
        }

        AtomCount = atomCount;
        MaxAtomsPerCore = maxAtomsPerCore;
    }

    /// <summary>The number of atoms.</summary>
    public int AtomCount { get; }

    /// <summary>The most atoms one machine vertex may hold (the splitter may choose fewer).</summary>
    public int MaxAtomsPerCore { get; }

    /// <summary>
    /// How to split this vertex; null lets the splitting pass use its default
    /// (<see cref="ResourceSplitter"/>).
    /// </summary>
    public ISplitter? Splitter { get; init; }

    /// <summary>
    /// The resources one core needs to hold <paramref name="slice"/>. Must not decrease when
    /// the slice grows (the splitter searches on it).
    /// </summary>
    public abstract ResourceRequirements ResourcesFor(Slice slice);

    /// <summary>Creates the machine vertex that runs <paramref name="slice"/>.</summary>
    public abstract MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources);
}
