namespace SpiNNaker.Simulator;

/// <summary>What an event does; the engine dispatches on it.</summary>
internal enum EventKind : byte
{
    /// <summary>A packet reaches the output stage of a router after crossing a link (Target: router).</summary>
    LinkArrive,

    /// <summary>A packet sent freely by a core reaches its router's output stage (Target: router).</summary>
    LocalArrive,

    /// <summary>The head of a core's waiting send queue reaches its router (Target: core).</summary>
    ChainArrive,

    /// <summary>The host or a test injects a packet at a router (Target: router).</summary>
    HostInject,

    /// <summary>A stalled router tries its blocked packet again (Target: router).</summary>
    RouterRetry,

    /// <summary>wait1 or wait2 of a stalled router expires (Target: router; Key: stall generation).</summary>
    RouterDeadline,

    /// <summary>The reinjector reads the dropped-packet register (Target: router).</summary>
    ReinjectorRead,

    /// <summary>The reinjector re-sends the next queued packet (Target: router).</summary>
    ReinjectorSend,

    /// <summary>A core looks at its pending interrupts and queued callbacks (Target: core).</summary>
    CoreWake,

    /// <summary>A core's timer ticks (Target: core; Key: timer generation).</summary>
    TimerTick,

    /// <summary>A user event a core triggered raises its interrupt (Target: core).</summary>
    UserEvent,

    /// <summary>A DMA transfer finishes (Target: core; Key: DMA slot).</summary>
    DmaComplete,

    /// <summary>An SDP message from the host reaches a core (Target: core; Key: message index).</summary>
    SdpToCore,

    /// <summary>An SDP message from a core reaches the host (Key: message index).</summary>
    SdpToHost,

    /// <summary>The callback in which a core called Done has ended (Target: core).</summary>
    CoreFinish,
}
