using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>Traffic on one outgoing link of one chip.</summary>
public sealed record LinkStatistics
{
    /// <summary>The chip the link leaves.</summary>
    public required ChipCoordinate Chip { get; init; }

    /// <summary>The link.</summary>
    public required Direction Direction { get; init; }

    /// <summary>Packets sent over it.</summary>
    public required long Packets { get; init; }

    /// <summary>Time it spent serialising packets, in picoseconds.</summary>
    public required long BusyPicoseconds { get; init; }
}
