namespace SpiNNaker.Machine;

/// <summary>
/// One working chip of a machine: its processors (the monitor on core 0, the application
/// cores, optionally an extra monitor), its working links, its SDRAM and its board's
/// Ethernet chip.
/// </summary>
public sealed class Chip
{
    /// <summary>Processors on a SpiNNaker 1 chip.</summary>
    public const int ProcessorsPerChip = 18;

    /// <summary>The monitor core (SC&amp;MP) is always processor 0.</summary>
    public const int MonitorCore = 0;

    private readonly ChipCoordinate?[] _linkTargets;
    private readonly int[] _applicationCores;
    private readonly uint _workingProcessors;

    internal Chip(
        ChipCoordinate coordinate,
        int[] applicationCores,
        int? extraMonitorCore,
        uint workingProcessors,
        ChipCoordinate?[] linkTargets,
        ChipCoordinate ethernetChip,
        int sdramBytes)
    {
        Coordinate = coordinate;
        _applicationCores = applicationCores;
        ExtraMonitorCore = extraMonitorCore;
        _workingProcessors = workingProcessors;
        _linkTargets = linkTargets;
        EthernetChip = ethernetChip;
        SdramBytes = sdramBytes;
        Links = [.. DirectionExtensions.All.ToArray().Where(d => linkTargets[(int)d] is not null)];
    }

    /// <summary>Where the chip is.</summary>
    public ChipCoordinate Coordinate { get; }

    /// <summary>The chip's column.</summary>
    public int X => Coordinate.X;

    /// <summary>The chip's row.</summary>
    public int Y => Coordinate.Y;

    /// <summary>The processors that applications may use, in ascending order.</summary>
    public IReadOnlyList<int> ApplicationCores => _applicationCores;

    /// <summary>The extra monitor (reinjector) core, when the machine reserves one.</summary>
    public int? ExtraMonitorCore { get; }

    /// <summary>The number of working processors, the monitor included.</summary>
    public int WorkingProcessorCount => System.Numerics.BitOperations.PopCount(_workingProcessors);

    /// <summary>The links that lead to a working chip, in link order.</summary>
    public IReadOnlyList<Direction> Links { get; }

    /// <summary>SDRAM bytes that applications on this chip may use.</summary>
    public int SdramBytes { get; }

    /// <summary>The Ethernet chip of this chip's board (where host messages enter and leave).</summary>
    public ChipCoordinate EthernetChip { get; }

    /// <summary>Whether this chip is its board's Ethernet chip.</summary>
    public bool IsEthernet => EthernetChip == Coordinate;

    /// <summary>The application cores as locations.</summary>
    public IEnumerable<CoreLocation> ApplicationCoreLocations => _applicationCores.Select(p => new CoreLocation(Coordinate, p));

    /// <summary>Whether processor <paramref name="p"/> exists and works.</summary>
    public bool IsProcessorWorking(int p) => (uint)p < ProcessorsPerChip && (_workingProcessors & (1u << p)) != 0;

    /// <summary>Whether <paramref name="p"/> is one of the application cores.</summary>
    public bool IsApplicationCore(int p) => Array.IndexOf(_applicationCores, p) >= 0;

    /// <summary>Whether the link in <paramref name="direction"/> works and leads to a working chip.</summary>
    public bool HasLink(Direction direction) => _linkTargets[(int)direction] is not null;

    /// <summary>The chip at the other end of the link, honouring wrap-around; false for a missing or dead link.</summary>
    public bool TryGetLinkTarget(Direction direction, out ChipCoordinate target)
    {
        var t = _linkTargets[(int)direction];
        target = t.GetValueOrDefault();
        return t is not null;
    }

    /// <summary>Describes the chip.</summary>
    public override string ToString() =>
        $"Chip {Coordinate}: {_applicationCores.Length} application cores, links [{string.Join(", ", Links)}]";
}
