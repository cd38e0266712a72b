namespace SpiNNaker.Machine;

/// <summary>
/// The six inter-chip links of a SpiNNaker chip, numbered as the hardware numbers them; the
/// chips form a triangular grid, so each link is one step along one of three axes.
/// </summary>
public enum Direction
{
    /// <summary>Link 0: (+1, 0).</summary>
    East = 0,

    /// <summary>Link 1: (+1, +1).</summary>
    NorthEast = 1,

    /// <summary>Link 2: (0, +1).</summary>
    North = 2,

    /// <summary>Link 3: (-1, 0).</summary>
    West = 3,

    /// <summary>Link 4: (-1, -1).</summary>
    SouthWest = 4,

    /// <summary>Link 5: (0, -1).</summary>
    South = 5,
}
