using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.GameOfLife.Toolchain;

/// <summary>
/// One cell on one core: runs <see cref="LifeCell"/>, with the configuration the toolchain
/// generates after key allocation (the cell's key is its "state" partition's key, whatever
/// the allocator chose) and its timer phase from the core it was placed on.
/// </summary>
public sealed class LifeCellVertex : MachineVertex
{
    /// <summary>Bytes of the configuration region.</summary>
    public const int ConfigBytes = 24;

    private readonly LifeGridVertex _grid;

    internal LifeCellVertex(LifeGridVertex grid, int cell, ResourceRequirements resources)
        : base($"cell{cell}")
    {
        _grid = grid;
        Cell = cell;
        Resources = resources;
    }

    /// <summary>The cell index (y * width + x).</summary>
    public int Cell { get; }

    /// <inheritdoc/>
    public override ResourceRequirements Resources { get; }

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new LifeCell();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var period = (uint)_grid.TimerPeriodMicroseconds;
        return
        [
            new DataRegionWriter()
                .Write(context.KeysOf(LifeGridVertex.StatePartition).FirstKey)
                .Write((uint)_grid.Generations)
                .Write(_grid.Initial.Cells[Cell] ? 1u : 0u)
                .Write((uint)context.IncomingPartitions.Count)
                .Write(period)
                .Write((uint)((context.Core.P - 1) * period / (Chip.ProcessorsPerChip - 1)))
                .ToRegion(LifeCell.ConfigRegion),
        ];
    }
}
