using SpiNNaker.Machine;

namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// Which SpiNNaker machine the backend simulates: a SpiNN-3 board (4 chips), a SpiNN-5 board
/// (48 chips, 816 application cores), a torus of SpiNN-5 triads, or a machine description
/// file (JSON, see docs/machine.md; dead chips, cores and links included).
/// </summary>
public sealed class MachineChoice
{
    private MachineChoice(string name, MachineDescription description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>One SpiNN-3 board: 2 x 2 chips, 68 application cores.</summary>
    public static MachineChoice SpiNN3 { get; } = new("spinn3", new MachineDescription { Kind = MachineKind.SpiNN3 });

    /// <summary>One SpiNN-5 board: 48 chips, 816 application cores (17 per chip, as in the thesis).</summary>
    public static MachineChoice SpiNN5 { get; } = new("spinn5", new MachineDescription { Kind = MachineKind.SpiNN5 });

    /// <summary>The name used in reports (<c>spinn3</c>, <c>spinn5</c>, <c>triads-WxH</c> or the file path).</summary>
    public string Name { get; }

    /// <summary>The machine as a description (kind, size, cores per chip, dead parts).</summary>
    public MachineDescription Description { get; }

    /// <summary><paramref name="width"/> x <paramref name="height"/> triads of SpiNN-5 boards (144 chips per triad).</summary>
    public static MachineChoice Triads(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return new MachineChoice($"triads-{width}x{height}", new MachineDescription { Kind = MachineKind.Triads, Width = width, Height = height });
    }

    /// <summary>The machine of a description file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="MachineDescriptionException">The file is malformed; the message names it and the problem.</exception>
    public static MachineChoice FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the machine description file '{path}' does not exist", path);
        }
        return new MachineChoice(path, MachineDescription.Load(path));
    }

    /// <summary>
    /// <c>spinn3</c>, <c>spinn5</c> (any case) or the path of a machine description file
    /// (ending in <c>.json</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The value is neither a known board nor a .json path.</exception>
    public static MachineChoice Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value.ToLowerInvariant() switch
        {
            "spinn3" or "spinn-3" => SpiNN3,
            "spinn5" or "spinn-5" => SpiNN5,
            _ when value.EndsWith(".json", StringComparison.OrdinalIgnoreCase) => FromFile(value),
            _ => throw new ArgumentException($"expected spinn3, spinn5 or a machine description file ending in .json. Received: '{value}'", nameof(value)),
        };
    }

    /// <summary>
    /// Builds the machine; with <paramref name="reserveExtraMonitor"/> every chip gives one more
    /// core to the extra monitor that runs the reinjector (16 application cores per chip).
    /// </summary>
    public SpiNNakerMachine Build(bool reserveExtraMonitor)
    {
        var options = Description.Options;
        var description = new MachineDescription
        {
            Kind = Description.Kind,
            Width = Description.Width,
            Height = Description.Height,
            Options = new MachineOptions
            {
                ApplicationCoresPerChip = options.ApplicationCoresPerChip,
                ReserveExtraMonitor = options.ReserveExtraMonitor || reserveExtraMonitor,
                DeadChips = options.DeadChips,
                DeadCores = options.DeadCores,
                DeadLinks = options.DeadLinks,
            },
        };
        return description.Build();
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
