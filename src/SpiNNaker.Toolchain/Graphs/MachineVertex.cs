using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// A vertex that runs on exactly one core: it states the resources it needs and, when made
/// by splitting, which atoms of which application vertex it holds. To run, it also creates
/// its core's program (<see cref="CreateCoreApplication"/>) and, after key allocation, the
/// SDRAM data that program starts from (<see cref="GenerateData"/>), as PACMAN's machine
/// vertices give their binary and write their data specification.
/// </summary>
public abstract class MachineVertex : Vertex
{
    /// <summary>Creates a machine vertex.</summary>
    protected MachineVertex(string label)
        : base(label)
    {
    }

    /// <summary>The DTCM, SDRAM and cycles per timestep the core needs.</summary>
    public abstract ResourceRequirements Resources { get; }

    /// <summary>The application vertex this one was split from, or null for a vertex added on its own.</summary>
    public ApplicationVertex? Application { get; private set; }

    /// <summary>The atoms held: the slice it was split with, or the single atom [0:1) of a vertex on its own.</summary>
    public Slice Slice { get; private set; } = new(0, 1);

    /// <summary>
    /// The number of keys the vertex sends on the partition <paramref name="partitionIdentifier"/>
    /// (default: one per atom, as PACMAN does).
    /// </summary>
    public virtual int KeyCountFor(string partitionIdentifier) => Slice.Count;

    /// <summary>
    /// Whether the core serves others and never calls Done (live I/O): runs that wait for
    /// every core to finish wait only for the others.
    /// </summary>
    public virtual bool IsService => false;

    /// <summary>
    /// Creates the program the core runs, a new instance per load; null (the default) for a
    /// vertex that can be mapped but not run.
    /// </summary>
    public virtual CoreApplication? CreateCoreApplication() => null;

    /// <summary>
    /// The SDRAM regions the core starts with. Runs after placement and key allocation, so
    /// the data can hold the vertex's keys and those of the partitions it receives. Their
    /// total size must be within <see cref="ResourceRequirements.SdramBytes"/> of
    /// <see cref="Resources"/> (the rest is for regions the core allocates itself).
    /// </summary>
    public virtual IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context) => [];

    /// <summary>Records the application vertex and slice this vertex holds (done once, by splitting).</summary>
    internal void AttachTo(ApplicationVertex application, Slice slice)
    {
        if (Application is not null && (Application != application || Slice != slice))
        {
            throw new InvalidOperationException(
                $"machine vertex '{Label}' already holds {Application.Label}{Slice}; an application vertex must create a new machine vertex for each slice");
        }

        Application = application;
        Slice = slice;
    }
}
