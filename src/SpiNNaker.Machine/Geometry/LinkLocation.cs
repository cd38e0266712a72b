namespace SpiNNaker.Machine;

/// <summary>One link of one chip: the link leaving <paramref name="Chip"/> in <paramref name="Direction"/>.</summary>
/// <param name="Chip">The chip the link leaves.</param>
/// <param name="Direction">The link.</param>
public readonly record struct LinkLocation(ChipCoordinate Chip, Direction Direction)
{
    /// <summary>Formats as <c>(x, y) East</c>.</summary>
    public override string ToString() => $"{Chip} {Direction}";
}
