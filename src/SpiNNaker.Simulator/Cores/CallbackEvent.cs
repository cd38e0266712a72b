namespace SpiNNaker.Simulator;

/// <summary>The events a core application can register a callback for (as spin1's <c>spin1_callback_on</c>).</summary>
public enum CallbackEvent
{
    /// <summary>A multicast packet without payload arrived: <see cref="CoreApplication.OnMulticastPacket"/>.</summary>
    MulticastPacket,

    /// <summary>A multicast packet with payload arrived: <see cref="CoreApplication.OnMulticastPacketWithPayload"/>.</summary>
    MulticastPacketWithPayload,

    /// <summary>The timer ticked: <see cref="CoreApplication.OnTimerTick"/>.</summary>
    TimerTick,

    /// <summary>A user event was triggered: <see cref="CoreApplication.OnUserEvent"/>.</summary>
    UserEvent,

    /// <summary>A DMA transfer finished: <see cref="CoreApplication.OnDmaDone"/>.</summary>
    DmaDone,

    /// <summary>An SDP message arrived: <see cref="CoreApplication.OnSdpMessage"/>.</summary>
    SdpMessage,
}
