using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>What one router did during the simulation so far.</summary>
public sealed record RouterStatistics
{
    /// <summary>The router's chip.</summary>
    public required ChipCoordinate Chip { get; init; }

    /// <summary>Packets forwarded by a matching table entry (including emergency-routed ones).</summary>
    public required long Routed { get; init; }

    /// <summary>Packets that arrived over a link, matched no entry and went straight through.</summary>
    public required long DefaultRouted { get; init; }

    /// <summary>Packets sent around a blocked link by emergency routing (first leg, at this router).</summary>
    public required long EmergencyRouted { get; init; }

    /// <summary>Packets dropped after waiting wait1 + wait2 for a blocked output.</summary>
    public required long Dropped { get; init; }

    /// <summary>Dropped packets the reinjector re-sent.</summary>
    public required long Reinjected { get; init; }

    /// <summary>Packets lost for good here: the sum of the four causes below.</summary>
    public long Lost => LostNoRoute + LostWithoutReinjector + LostSecondDrop + LostReinjectionQueueFull;

    /// <summary>Packets sent by a local core (or injected locally) that matched no entry.</summary>
    public required long LostNoRoute { get; init; }

    /// <summary>Dropped packets with no reinjector to recover them.</summary>
    public required long LostWithoutReinjector { get; init; }

    /// <summary>Drops while the dropped-packet register still held an unread packet.</summary>
    public required long LostSecondDrop { get; init; }

    /// <summary>Dropped packets that found the reinjector's queue full.</summary>
    public required long LostReinjectionQueueFull { get; init; }

    /// <summary>Packets this router handled (each costs router energy).</summary>
    public required long Traversals { get; init; }
}
