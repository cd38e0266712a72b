namespace SpiNNaker.Simulator;

/// <summary>
/// The C# stand-in for the program a SpiNNaker core runs. Like a spin1 application it
/// owns no main loop: <see cref="OnStart"/> (its <c>c_main</c>) registers callbacks with
/// <see cref="ICoreContext.RegisterCallback"/>, allocates its state from DTCM and sets the
/// timer; after that the core only reacts to events. Override the callbacks you register.
/// Keep state in fixed arrays from <see cref="ICoreContext.AllocateDtcm{T}"/>, never
/// allocate in callbacks, and charge every operation with <see cref="ICoreContext.ChargeCycles"/>.
/// </summary>
public abstract class CoreApplication
{
    /// <summary>
    /// Runs once at the start of the first run after loading, at that run's start time. Keep
    /// <paramref name="context"/>: it is the core's only door to the machine.
    /// </summary>
    public abstract void OnStart(ICoreContext context);

    /// <summary>A multicast packet without payload arrived.</summary>
    public virtual void OnMulticastPacket(uint key)
    {
    }

    /// <summary>A multicast packet with a payload arrived.</summary>
    public virtual void OnMulticastPacketWithPayload(uint key, uint payload)
    {
    }

    /// <summary>The timer ticked; <paramref name="tick"/> counts ticks from 1.</summary>
    public virtual void OnTimerTick(uint tick)
    {
    }

    /// <summary>A user event triggered by <see cref="ICoreContext.TriggerUserEvent"/> is handled.</summary>
    public virtual void OnUserEvent(uint argument0, uint argument1)
    {
    }

    /// <summary>The DMA transfer started with <paramref name="tag"/> finished; its data is in place.</summary>
    public virtual void OnDmaDone(uint tag)
    {
    }

    /// <summary>An SDP message from the host arrived; copy what you need, the span is only valid during the call.</summary>
    public virtual void OnSdpMessage(int port, ReadOnlySpan<byte> data)
    {
    }
}
