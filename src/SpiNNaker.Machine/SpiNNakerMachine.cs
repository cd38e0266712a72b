namespace SpiNNaker.Machine;

/// <summary>
/// A SpiNNaker machine: its working chips on a triangular grid, with or without wrap-around,
/// and the geometry of moving between them (neighbours, distances, shortest paths).
/// Build one with <see cref="MachineBuilder"/> or <see cref="MachineDescription"/>.
/// </summary>
public sealed class SpiNNakerMachine
{
    private readonly Chip?[] _grid;
    private readonly Chip[] _chips;

    internal SpiNNakerMachine(MachineKind kind, int width, int height, bool wrapsAround, Chip?[] grid)
    {
        Kind = kind;
        Width = width;
        Height = height;
        WrapsAround = wrapsAround;
        _grid = grid;
        _chips = [.. grid.Where(c => c is not null).Select(c => c!)];
        EthernetChips = [.. _chips.Where(c => c.IsEthernet).Select(c => c.Coordinate)];
        ApplicationCoreCount = _chips.Sum(c => c.ApplicationCores.Count);
        WorkingProcessorCount = _chips.Sum(c => c.WorkingProcessorCount);
    }

    /// <summary>What the machine is built from.</summary>
    public MachineKind Kind { get; }

    /// <summary>Width of the chip grid.</summary>
    public int Width { get; }

    /// <summary>Height of the chip grid.</summary>
    public int Height { get; }

    /// <summary>Whether links wrap around the edges (a torus) in both dimensions.</summary>
    public bool WrapsAround { get; }

    /// <summary>The working chips, ordered by x then y.</summary>
    public IReadOnlyList<Chip> Chips => _chips;

    /// <summary>The number of working chips.</summary>
    public int ChipCount => _chips.Length;

    /// <summary>The number of application cores over all chips.</summary>
    public int ApplicationCoreCount { get; }

    /// <summary>The number of working processors (monitors included) over all chips.</summary>
    public int WorkingProcessorCount { get; }

    /// <summary>The Ethernet chips (one per board), ordered by x then y.</summary>
    public IReadOnlyList<ChipCoordinate> EthernetChips { get; }

    /// <summary>Every application core of the machine, chip by chip.</summary>
    public IEnumerable<CoreLocation> ApplicationCores => _chips.SelectMany(c => c.ApplicationCoreLocations);

    /// <summary>Whether a working chip is at <paramref name="coordinate"/>.</summary>
    public bool ContainsChip(ChipCoordinate coordinate) => Find(coordinate) is not null;

    /// <summary>The working chip at <paramref name="coordinate"/>, if there is one.</summary>
    public bool TryGetChip(ChipCoordinate coordinate, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Chip? chip)
    {
        chip = Find(coordinate);
        return chip is not null;
    }

    /// <summary>The working chip at <paramref name="coordinate"/>.</summary>
    /// <exception cref="ArgumentException">No working chip is there.</exception>
    public Chip GetChip(ChipCoordinate coordinate) =>
        Find(coordinate) ?? throw new ArgumentException(
            $"the machine ({Kind}, {Width} x {Height}) has no working chip at {coordinate}", nameof(coordinate));

    /// <summary>Whether <paramref name="core"/> is a working application core of this machine.</summary>
    public bool IsApplicationCore(CoreLocation core) => Find(core.Chip) is { } chip && chip.IsApplicationCore(core.P);

    /// <summary>
    /// The chip one link away from <paramref name="from"/> in <paramref name="direction"/>,
    /// honouring wrap-around and dead chips and links; false when that link does not work.
    /// </summary>
    public bool TryGetNeighbour(ChipCoordinate from, Direction direction, out ChipCoordinate neighbour)
    {
        neighbour = default;
        return Find(from) is { } chip && chip.TryGetLinkTarget(direction, out neighbour);
    }

    /// <summary>
    /// The shortest step from <paramref name="from"/> to <paramref name="to"/> on the ideal
    /// triangular grid (wrapping when the machine wraps), ignoring dead parts. Ties between
    /// wrapped alternatives go to the one found first (no wrap, then x, then y wrapped).
    /// </summary>
    public (int Dx, int Dy) ShortestVector(ChipCoordinate from, ChipCoordinate to)
    {
        var dx = to.X - from.X;
        var dy = to.Y - from.Y;
        if (!WrapsAround)
        {
            return (dx, dy);
        }

        dx = BoardGeometry.Mod(dx, Width);
        dy = BoardGeometry.Mod(dy, Height);
        (int, int) best = (dx, dy);
        var bestLength = VectorLength(dx, dy);
        foreach (var (cx, cy) in new[] { (dx - Width, dy), (dx, dy - Height), (dx - Width, dy - Height) })
        {
            var length = VectorLength(cx, cy);
            if (length < bestLength)
            {
                best = (cx, cy);
                bestLength = length;
            }
        }

        return best;
    }

    /// <summary>
    /// The number of link hops between two chips on the ideal triangular grid (wrapping when
    /// the machine wraps), ignoring dead parts. For a path that avoids dead parts use
    /// <see cref="ShortestPath"/>.
    /// </summary>
    public int Distance(ChipCoordinate from, ChipCoordinate to)
    {
        var (dx, dy) = ShortestVector(from, to);
        return VectorLength(dx, dy);
    }

    /// <summary>
    /// The hops of a (x, y) step on a triangular grid: max(|dx|, |dy|) when both move the
    /// same way (diagonal links serve both), |dx| + |dy| otherwise.
    /// </summary>
    public static int VectorLength(int dx, int dy) =>
        (dx >= 0) == (dy >= 0) || dx == 0 || dy == 0 ? Math.Max(Math.Abs(dx), Math.Abs(dy)) : Math.Abs(dx) + Math.Abs(dy);

    /// <summary>
    /// A shortest sequence of working links from <paramref name="from"/> to
    /// <paramref name="to"/>, or null when none exists. The ideal-grid route (diagonal steps
    /// first) is used when all its links work; otherwise a breadth-first search over working
    /// links, trying links in order 0..5, so the answer is deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">Either end is not a working chip.</exception>
    public IReadOnlyList<Direction>? ShortestPath(ChipCoordinate from, ChipCoordinate to)
    {
        GetChip(from);
        GetChip(to);
        if (from == to)
        {
            return [];
        }

        var direct = VectorPath(from, to);
        return direct ?? SearchPath(from, to);
    }

    /// <summary>The chips a path visits, starting after <paramref name="from"/>.</summary>
    /// <exception cref="ArgumentException">A link of the path does not work.</exception>
    public IReadOnlyList<ChipCoordinate> Walk(ChipCoordinate from, IEnumerable<Direction> path)
    {
        var chips = new List<ChipCoordinate>();
        var at = from;
        foreach (var d in path)
        {
            if (!TryGetNeighbour(at, d, out at))
            {
                throw new ArgumentException($"the path from {from} uses link {d} of chip {chips.LastOrDefault(from)}, which does not work", nameof(path));
            }

            chips.Add(at);
        }

        return chips;
    }

    private List<Direction>? VectorPath(ChipCoordinate from, ChipCoordinate to)
    {
        var (dx, dy) = ShortestVector(from, to);
        var steps = new List<Direction>(VectorLength(dx, dy));
        if ((dx > 0 && dy > 0) || (dx < 0 && dy < 0))
        {
            var diagonal = Math.Min(Math.Abs(dx), Math.Abs(dy));
            var d = dx > 0 ? Direction.NorthEast : Direction.SouthWest;
            for (var i = 0; i < diagonal; i++)
            {
                steps.Add(d);
            }

            dx -= Math.Sign(dx) * diagonal;
            dy -= Math.Sign(dy) * diagonal;
        }

        for (var i = 0; i < Math.Abs(dx); i++)
        {
            steps.Add(dx > 0 ? Direction.East : Direction.West);
        }

        for (var i = 0; i < Math.Abs(dy); i++)
        {
            steps.Add(dy > 0 ? Direction.North : Direction.South);
        }

        var at = from;
        foreach (var d in steps)
        {
            if (!TryGetNeighbour(at, d, out at))
            {
                return null;
            }
        }

        return at == to ? steps : null;
    }

    private List<Direction>? SearchPath(ChipCoordinate from, ChipCoordinate to)
    {
        var viaLink = new sbyte[_grid.Length];
        Array.Fill(viaLink, (sbyte)-1);
        var start = Index(from);
        viaLink[start] = 6;
        var queue = new Queue<ChipCoordinate>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            if (at == to)
            {
                break;
            }

            foreach (var d in DirectionExtensions.All)
            {
                if (TryGetNeighbour(at, d, out var next) && viaLink[Index(next)] < 0)
                {
                    viaLink[Index(next)] = (sbyte)d;
                    queue.Enqueue(next);
                }
            }
        }

        if (viaLink[Index(to)] < 0)
        {
            return null;
        }

        var path = new List<Direction>();
        var cursor = to;
        while (cursor != from)
        {
            var d = (Direction)viaLink[Index(cursor)];
            path.Add(d);
            TryGetNeighbour(cursor, d.Opposite(), out cursor);
        }

        path.Reverse();
        return path;
    }

    private Chip? Find(ChipCoordinate c) =>
        (uint)c.X < (uint)Width && (uint)c.Y < (uint)Height ? _grid[Index(c)] : null;

    private int Index(ChipCoordinate c) => (c.X * Height) + c.Y;

    /// <summary>Describes the machine.</summary>
    public override string ToString() =>
        $"{Kind} machine {Width} x {Height}{(WrapsAround ? " (torus)" : string.Empty)}: {ChipCount} chips, {ApplicationCoreCount} application cores";
}
