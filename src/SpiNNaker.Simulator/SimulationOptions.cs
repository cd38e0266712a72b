namespace SpiNNaker.Simulator;

/// <summary>How the routers of a simulation are configured, and the seed of all randomness.</summary>
public sealed record SimulationOptions
{
    /// <summary>The SC&amp;MP defaults without reinjection.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>wait1 as SC&amp;MP sets it without the reinjector: 240 router cycles (~1.8 us).</summary>
    public const int DefaultWait1Cycles = 240;

    /// <summary>wait1 with the reinjector running: 480 router cycles.</summary>
    public const int ReinjectionWait1Cycles = 480;

    /// <summary>
    /// Whether each chip runs a reinjector (the extra monitor): it reads the dropped-packet
    /// register and re-sends dropped packets from a 4,096-entry queue.
    /// </summary>
    public bool Reinjection { get; init; }

    /// <summary>
    /// Router cycles a blocked packet waits before emergency routing is tried; null means the
    /// SC&amp;MP default (240, or 480 with <see cref="Reinjection"/>).
    /// </summary>
    public int? RouterWait1Cycles { get; init; }

    /// <summary>Router cycles a blocked packet waits after the emergency attempt before it is dropped (SC&amp;MP: 0).</summary>
    public int RouterWait2Cycles { get; init; }

    /// <summary>Whether routers try emergency routing around a blocked link (the hardware does).</summary>
    public bool EmergencyRouting { get; init; } = true;

    /// <summary>The seed from which each core's <see cref="ICoreContext.Seed"/> is derived.</summary>
    public ulong Seed { get; init; }

    /// <summary>The wait1 in force.</summary>
    public int EffectiveWait1Cycles => RouterWait1Cycles ?? (Reinjection ? ReinjectionWait1Cycles : DefaultWait1Cycles);
}
