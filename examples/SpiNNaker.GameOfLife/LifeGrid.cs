namespace SpiNNaker.GameOfLife;

/// <summary>
/// The host reference: Conway's Game of Life on a <see cref="Width"/> x <see cref="Height"/>
/// torus, cells stored row by row (cell index = y * width + x).
/// </summary>
public sealed class LifeGrid
{
    /// <summary>Creates a grid from its cells.</summary>
    /// <exception cref="ArgumentException">A side is under 3 (a cell would be its own neighbour) or the cell count is wrong.</exception>
    public LifeGrid(int width, int height, bool[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (width < 3 || height < 3)
        {
            throw new ArgumentException($"the grid must be at least 3 x 3 so that a cell's 8 neighbours are distinct; received {width} x {height}");
        }

        if (cells.Length != width * height)
        {
            throw new ArgumentException($"a {width} x {height} grid has {width * height} cells; received {cells.Length}", nameof(cells));
        }

        Width = width;
        Height = height;
        Cells = [.. cells];
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The cells, row by row.</summary>
    public IReadOnlyList<bool> Cells { get; }

    /// <summary>A grid of random cells, each alive with probability <paramref name="density"/>, from <paramref name="seed"/>.</summary>
    public static LifeGrid Random(int width, int height, double density, int seed)
    {
        var random = new Random(seed);
        return new LifeGrid(width, height, [.. Enumerable.Range(0, width * height).Select(_ => random.NextDouble() < density)]);
    }

    /// <summary>The cell indices of the 8 neighbours of cell (x, y), wrapping at the edges.</summary>
    public static int[] Neighbours(int x, int y, int width, int height)
    {
        var result = new int[8];
        var n = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                if (dx != 0 || dy != 0)
                {
                    result[n++] = (((y + dy + height) % height) * width) + ((x + dx + width) % width);
                }
            }
        }

        return result;
    }

    /// <summary>Conway's rule: alive next with 3 live neighbours, or 2 when alive now.</summary>
    public static bool Rule(bool alive, int liveNeighbours) => liveNeighbours == 3 || (alive && liveNeighbours == 2);

    /// <summary>The next generation.</summary>
    public LifeGrid Step()
    {
        var next = new bool[Cells.Count];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var live = Neighbours(x, y, Width, Height).Count(i => Cells[i]);
                next[(y * Width) + x] = Rule(Cells[(y * Width) + x], live);
            }
        }

        return new LifeGrid(Width, Height, next);
    }
}
