namespace SpiNNaker.Simulator;

/// <summary>Sums over every router, link and core.</summary>
public sealed record TotalStatistics
{
    /// <summary>Packets sent by cores.</summary>
    public required long PacketsSent { get; init; }

    /// <summary>Packets injected by the host or a test directly at a router.</summary>
    public required long PacketsInjected { get; init; }

    /// <summary>Packets taken by cores (deliveries).</summary>
    public required long PacketsReceived { get; init; }

    /// <summary>Router forwards by table entry.</summary>
    public required long Routed { get; init; }

    /// <summary>Router forwards by default routing.</summary>
    public required long DefaultRouted { get; init; }

    /// <summary>Emergency-routed packets.</summary>
    public required long EmergencyRouted { get; init; }

    /// <summary>Dropped packets.</summary>
    public required long Dropped { get; init; }

    /// <summary>Reinjected packets.</summary>
    public required long Reinjected { get; init; }

    /// <summary>Packets lost for good.</summary>
    public required long Lost { get; init; }

    /// <summary>Packets sent over links.</summary>
    public required long LinkPackets { get; init; }

    /// <summary>Refused sends.</summary>
    public required long SendFailures { get; init; }

    /// <summary>Lost queued callbacks.</summary>
    public required long LostCallbacks { get; init; }

    /// <summary>Busy cycles of all cores.</summary>
    public required long BusyCycles { get; init; }

    /// <summary>SDP messages from host to cores.</summary>
    public required long SdpToCores { get; init; }

    /// <summary>SDP messages from cores to host.</summary>
    public required long SdpToHost { get; init; }
}
