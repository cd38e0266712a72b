using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.GameOfLife.Toolchain;

/// <summary>
/// The whole grid as one application vertex: one atom per cell, one cell per core (the
/// <see cref="LifeCell"/> program holds one cell). Its partition "state" carries each cell's
/// state to its 8 neighbours (a <see cref="ConnectionListConnectivity"/>).
/// </summary>
public sealed class LifeGridVertex : ApplicationVertex
{
    /// <summary>The partition that carries cell states.</summary>
    public const string StatePartition = "state";

    /// <summary>Creates the vertex of <paramref name="initial"/>.</summary>
    public LifeGridVertex(LifeGrid initial, int generations, int timerPeriodMicroseconds)
        : base("life", (initial ?? throw new ArgumentNullException(nameof(initial))).Cells.Count, maxAtomsPerCore: 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timerPeriodMicroseconds);
        Initial = initial;
        Generations = generations;
        TimerPeriodMicroseconds = timerPeriodMicroseconds;
    }

    /// <summary>The initial grid.</summary>
    public LifeGrid Initial { get; }

    /// <summary>Generations to compute.</summary>
    public int Generations { get; }

    /// <summary>The cells' timer period in microseconds.</summary>
    public int TimerPeriodMicroseconds { get; }

    /// <summary>Every (cell, neighbour) pair of the torus.</summary>
    public ConnectionListConnectivity Neighbourhood() =>
        new(Enumerable.Range(0, AtomCount).SelectMany(i =>
            LifeGrid.Neighbours(i % Initial.Width, i / Initial.Width, Initial.Width, Initial.Height).Select(n => (i, n))));

    /// <summary>A cell's state and counters in DTCM, its configuration and history in SDRAM.</summary>
    public override ResourceRequirements ResourcesFor(Slice slice) =>
        new(slice.Count * ((13 * sizeof(uint)) + 1), slice.Count * (LifeCellVertex.ConfigBytes + Generations + 1 + sizeof(uint)));

    /// <inheritdoc/>
    public override MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources) =>
        new LifeCellVertex(this, slice.LoAtom, resources);
}
