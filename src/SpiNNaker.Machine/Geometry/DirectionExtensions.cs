namespace SpiNNaker.Machine;

/// <summary>Geometry of the six link directions.</summary>
public static class DirectionExtensions
{
    /// <summary>The number of links of a chip.</summary>
    public const int LinkCount = 6;

    private static readonly Direction[] AllDirections =
        [Direction.East, Direction.NorthEast, Direction.North, Direction.West, Direction.SouthWest, Direction.South];

    private static readonly (int Dx, int Dy)[] Vectors = [(1, 0), (1, 1), (0, 1), (-1, 0), (-1, -1), (0, -1)];

    /// <summary>The six directions in link order 0..5.</summary>
    public static ReadOnlySpan<Direction> All => AllDirections;

    /// <summary>The link on the neighbouring chip that leads back: link (l + 3) mod 6.</summary>
    public static Direction Opposite(this Direction direction) => (Direction)(((int)direction + 3) % LinkCount);

    /// <summary>The (dx, dy) step that the link makes.</summary>
    public static (int Dx, int Dy) Vector(this Direction direction) => Vectors[Check(direction)];

    /// <summary>
    /// The first link of the emergency route around <paramref name="blocked"/>: the next link
    /// anticlockwise, (l + 1) mod 6. The router at the end of that link forwards the packet on
    /// <see cref="EmergencySecondLeg"/>, and the two steps add up to the blocked link's step.
    /// </summary>
    public static Direction EmergencyFirstLeg(this Direction blocked) => (Direction)((Check(blocked) + 1) % LinkCount);

    /// <summary>The second link of the emergency route around <paramref name="blocked"/>: (l + 5) mod 6.</summary>
    public static Direction EmergencySecondLeg(this Direction blocked) => (Direction)((Check(blocked) + 5) % LinkCount);

    /// <summary>The direction whose vector is (dx, dy), or null when no single link makes that step.</summary>
    public static Direction? FromVector(int dx, int dy)
    {
        for (var i = 0; i < LinkCount; i++)
        {
            if (Vectors[i].Dx == dx && Vectors[i].Dy == dy)
            {
                return (Direction)i;
            }
        }

        return null;
    }

    private static int Check(Direction direction)
    {
        var i = (int)direction;
        if ((uint)i >= LinkCount)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "a link direction must be 0 to 5");
        }

        return i;
    }
}
