using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>A rule the placer must honour for one vertex.</summary>
public abstract record PlacementConstraint;

/// <summary>
/// Fixed placement: the vertex goes on <paramref name="Chip"/>, on processor
/// <paramref name="Processor"/> when given. On an application vertex it applies to every
/// machine vertex made from it.
/// </summary>
/// <param name="Chip">The chip.</param>
/// <param name="Processor">The processor, or null for any application core of the chip.</param>
public sealed record ChipAndCoreConstraint(ChipCoordinate Chip, int? Processor = null) : PlacementConstraint
{
    /// <summary>Formats as <c>on (x, y)</c> or <c>on (x, y, p)</c>.</summary>
    public override string ToString() => Processor is { } p ? $"on {new CoreLocation(Chip, p)}" : $"on chip {Chip}";
}

/// <summary>
/// The vertex goes on the same chip as <paramref name="Other"/> (when <paramref name="Other"/>
/// is an application vertex: the same chip as every machine vertex made from it), for
/// example to share SDRAM.
/// </summary>
/// <param name="Other">The vertex to share a chip with.</param>
public sealed record SameChipConstraint(Vertex Other) : PlacementConstraint
{
    /// <summary>Formats as <c>same chip as label</c>.</summary>
    public override string ToString() => $"same chip as '{Other.Label}'";
}

/// <summary>
/// The vertex goes on the Ethernet chip of board <paramref name="Board"/> (in the order of
/// <see cref="SpiNNakerMachine.EthernetChips"/>), where host messages enter and leave: for
/// live input and output.
/// </summary>
/// <param name="Board">The board's index, 0 for the first.</param>
public sealed record EthernetChipConstraint(int Board = 0) : PlacementConstraint
{
    /// <summary>Formats as <c>on the Ethernet chip of board n</c>.</summary>
    public override string ToString() => $"on the Ethernet chip of board {Board}";
}
