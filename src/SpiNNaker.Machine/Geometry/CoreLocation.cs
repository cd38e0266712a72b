namespace SpiNNaker.Machine;

/// <summary>A processor core: chip (x, y) and processor number p (0 is the monitor core).</summary>
/// <param name="X">The chip's column.</param>
/// <param name="Y">The chip's row.</param>
/// <param name="P">The processor on the chip, 0 to <see cref="Chip.ProcessorsPerChip"/> - 1.</param>
public readonly record struct CoreLocation(int X, int Y, int P)
{
    /// <summary>Creates the location of processor <paramref name="p"/> on <paramref name="chip"/>.</summary>
    public CoreLocation(ChipCoordinate chip, int p)
        : this(chip.X, chip.Y, p)
    {
    }

    /// <summary>The chip this core is on.</summary>
    public ChipCoordinate Chip => new(X, Y);

    /// <summary>Formats as <c>(x, y, p)</c>.</summary>
    public override string ToString() => $"({X}, {Y}, {P})";
}
