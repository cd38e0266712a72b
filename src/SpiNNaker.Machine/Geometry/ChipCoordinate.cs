namespace SpiNNaker.Machine;

/// <summary>The (x, y) coordinate of a chip in a machine; (0, 0) is the bottom-left chip.</summary>
/// <param name="X">The column, 0 at the left.</param>
/// <param name="Y">The row, 0 at the bottom.</param>
public readonly record struct ChipCoordinate(int X, int Y)
{
    /// <summary>The coordinate of the neighbour one step along <paramref name="direction"/>, without wrap-around.</summary>
    public ChipCoordinate Step(Direction direction)
    {
        var (dx, dy) = direction.Vector();
        return new ChipCoordinate(X + dx, Y + dy);
    }

    /// <summary>Formats as <c>(x, y)</c>.</summary>
    public override string ToString() => $"({X}, {Y})";
}
