namespace SpiNNaker.Machine;

/// <summary>Builds the machines SpiNNaker comes as: single boards, tori of board triads, virtual tori.</summary>
public static class MachineBuilder
{
    /// <summary>One SpiNN-3 board: 2 x 2 chips with wrap-around links, Ethernet chip (0, 0).</summary>
    public static SpiNNakerMachine SpiNN3(MachineOptions? options = null) =>
        Build(MachineKind.SpiNN3, 2, 2, wrapsAround: true, static (_, _) => true, static (_, _) => new ChipCoordinate(0, 0), options);

    /// <summary>
    /// One SpiNN-5 board on its own: the 48-chip hexagon in an 8 x 8 box (see
    /// <see cref="BoardGeometry.IsOnSpiNN5Board"/>), no wrap-around, Ethernet chip (0, 0).
    /// </summary>
    public static SpiNNakerMachine SpiNN5(MachineOptions? options = null) =>
        Build(MachineKind.SpiNN5, BoardGeometry.SpiNN5Size, BoardGeometry.SpiNN5Size, wrapsAround: false,
            BoardGeometry.IsOnSpiNN5Board, static (_, _) => new ChipCoordinate(0, 0), options);

    /// <summary>
    /// <paramref name="width"/> x <paramref name="height"/> triads of SpiNN-5 boards: a
    /// (12 w) x (12 h) torus of 144 w h chips, three boards per triad.
    /// </summary>
    public static SpiNNakerMachine Triads(int width, int height, MachineOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var w = width * BoardGeometry.TriadSize;
        var h = height * BoardGeometry.TriadSize;
        return Build(MachineKind.Triads, w, h, wrapsAround: true, static (_, _) => true,
            (x, y) => BoardGeometry.TriadEthernetChipOf(x, y, w, h), options);
    }

    /// <summary>
    /// Any <paramref name="width"/> x <paramref name="height"/> torus of chips. When both
    /// sizes are multiples of 12 the chips are grouped into boards as in <see cref="Triads"/>;
    /// otherwise the whole machine has one Ethernet chip, (0, 0).
    /// </summary>
    public static SpiNNakerMachine VirtualTorus(int width, int height, MachineOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var tiled = width % BoardGeometry.TriadSize == 0 && height % BoardGeometry.TriadSize == 0;
        return Build(MachineKind.VirtualTorus, width, height, wrapsAround: true, static (_, _) => true,
            tiled ? (x, y) => BoardGeometry.TriadEthernetChipOf(x, y, width, height) : static (_, _) => new ChipCoordinate(0, 0),
            options);
    }

    private static SpiNNakerMachine Build(
        MachineKind kind,
        int width,
        int height,
        bool wrapsAround,
        Func<int, int, bool> exists,
        Func<int, int, ChipCoordinate> ethernetOf,
        MachineOptions? options)
    {
        options ??= MachineOptions.Default;
        if (options.ApplicationCoresPerChip is < 0 or > Chip.ProcessorsPerChip - 1)
        {
            throw new ArgumentException(
                $"application cores per chip must be 0 to {Chip.ProcessorsPerChip - 1}; received {options.ApplicationCoresPerChip}", nameof(options));
        }

        var present = new bool[width * height];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                present[(x * height) + y] = exists(x, y);
            }
        }

        bool IsPresent(ChipCoordinate c) => (uint)c.X < (uint)width && (uint)c.Y < (uint)height && present[(c.X * height) + c.Y];

        foreach (var dead in options.DeadChips)
        {
            if (!IsPresent(dead))
            {
                throw new ArgumentException($"dead chip {dead} is not a chip of the {kind} machine ({width} x {height})", nameof(options));
            }

            if (ethernetOf(dead.X, dead.Y) == dead)
            {
                throw new ArgumentException($"dead chip {dead} is an Ethernet chip: its board could not be reached; remove the board instead", nameof(options));
            }
        }

        foreach (var dead in options.DeadChips)
        {
            present[(dead.X * height) + dead.Y] = false;
        }

        var deadCores = new Dictionary<ChipCoordinate, uint>();
        foreach (var core in options.DeadCores)
        {
            if (!IsPresent(core.Chip))
            {
                throw new ArgumentException($"dead core {core} is not on a working chip of the {kind} machine", nameof(options));
            }

            if (core.P is < 1 or >= Chip.ProcessorsPerChip)
            {
                throw new ArgumentException(
                    $"dead core {core}: the processor must be 1 to {Chip.ProcessorsPerChip - 1} (a chip whose monitor core 0 is dead is a dead chip)", nameof(options));
            }

            deadCores[core.Chip] = deadCores.GetValueOrDefault(core.Chip) | (1u << core.P);
        }

        ChipCoordinate? Target(ChipCoordinate from, Direction d)
        {
            var to = from.Step(d);
            if (wrapsAround)
            {
                to = new ChipCoordinate(BoardGeometry.Mod(to.X, width), BoardGeometry.Mod(to.Y, height));
            }

            return IsPresent(to) ? to : null;
        }

        var deadLinks = new HashSet<LinkLocation>();
        foreach (var link in options.DeadLinks)
        {
            if (!IsPresent(link.Chip))
            {
                throw new ArgumentException($"dead link {link} is not on a working chip of the {kind} machine", nameof(options));
            }

            if (!Enum.IsDefined(link.Direction))
            {
                throw new ArgumentException($"dead link {link}: the direction must be 0 to 5", nameof(options));
            }

            deadLinks.Add(link);
            if (Target(link.Chip, link.Direction) is { } other)
            {
                deadLinks.Add(new LinkLocation(other, link.Direction.Opposite()));
            }
        }

        var grid = new Chip?[width * height];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                var here = new ChipCoordinate(x, y);
                if (!IsPresent(here))
                {
                    continue;
                }

                var targets = new ChipCoordinate?[DirectionExtensions.LinkCount];
                foreach (var d in DirectionExtensions.All)
                {
                    targets[(int)d] = deadLinks.Contains(new LinkLocation(here, d)) ? null : Target(here, d);
                }

                var working = ((1u << Chip.ProcessorsPerChip) - 1) & ~deadCores.GetValueOrDefault(here);
                var candidates = Enumerable.Range(1, Chip.ProcessorsPerChip - 1).Where(p => (working & (1u << p)) != 0).ToList();
                int? extraMonitor = null;
                if (options.ReserveExtraMonitor && candidates.Count > 0)
                {
                    extraMonitor = candidates[^1];
                    candidates.RemoveAt(candidates.Count - 1);
                }

                var application = candidates.Take(options.ApplicationCoresPerChip).ToArray();
                grid[(x * height) + y] = new Chip(here, application, extraMonitor, working, targets, ethernetOf(x, y), MemorySizes.SdramUsableBytesPerChip);
            }
        }

        return new SpiNNakerMachine(kind, width, height, wrapsAround, grid);
    }
}
