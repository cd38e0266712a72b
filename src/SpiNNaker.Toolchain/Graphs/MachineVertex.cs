using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// A vertex that runs on exactly one core: it states the resources it needs and, when made
/// by splitting, which atoms of which application vertex it holds.
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
