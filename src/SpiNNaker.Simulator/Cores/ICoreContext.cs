using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// What a core application can do: the spin1 API as the simulator offers it. Timing rule:
/// a callback runs in zero host time at its start; the cycles it charges (and the fixed
/// costs of the calls it makes) make the core busy, and a packet it sends leaves at the
/// callback's start plus the cycles charged so far.
/// </summary>
public interface ICoreContext
{
    /// <summary>This core.</summary>
    CoreLocation Location { get; }

    /// <summary>The simulated time now: the running callback's start plus the cycles charged so far.</summary>
    long Now { get; }

    /// <summary>The cost model, for charging arithmetic.</summary>
    CostModel Cost { get; }

    /// <summary>A seed for this core's own random numbers, derived from the simulation's seed and the core's location.</summary>
    ulong Seed { get; }

    /// <summary>
    /// Registers the callback for <paramref name="callbackEvent"/> at <paramref name="priority"/>:
    /// <see cref="CallbackPriority.Fiq"/> (-1), <see cref="CallbackPriority.Immediate"/> (0) or
    /// a queued priority 1-2. An event without a registered callback is ignored.
    /// </summary>
    void RegisterCallback(CallbackEvent callbackEvent, int priority);

    /// <summary>
    /// Sends a multicast packet without payload. False when the hardware slot and the
    /// 16-entry software queue are full (the packet is not sent; counted).
    /// </summary>
    bool Send(uint key);

    /// <summary>Sends a multicast packet with a 32-bit payload; false as <see cref="Send(uint)"/>.</summary>
    bool Send(uint key, uint payload);

    /// <summary>Triggers a user event; false when one is already pending (as spin1).</summary>
    bool TriggerUserEvent(uint argument0 = 0, uint argument1 = 0);

    /// <summary>Charges <paramref name="cycles"/> core cycles of work to the running callback.</summary>
    void ChargeCycles(long cycles);

    /// <summary>
    /// Starts (or restarts) the periodic timer: the first tick comes
    /// <paramref name="phaseMicroseconds"/> after now, then one every
    /// <paramref name="periodMicroseconds"/>. A period of 0 stops it.
    /// </summary>
    void SetTimer(long periodMicroseconds, long phaseMicroseconds = 0);

    /// <summary>Allocates a fixed array from this core's DTCM.</summary>
    /// <exception cref="MemoryBudgetExceededException">Not enough DTCM is left; the message names the core, the request and what is free.</exception>
    T[] AllocateDtcm<T>(int length)
        where T : unmanaged;

    /// <summary>DTCM bytes still free for <see cref="AllocateDtcm{T}"/>.</summary>
    int DtcmFreeBytes { get; }

    /// <summary>The SDRAM region <paramref name="regionId"/> of this core (loaded by the host or allocated by the core).</summary>
    /// <exception cref="KeyNotFoundException">This core has no such region.</exception>
    SdramRegion GetSdramRegion(int regionId);

    /// <summary>Whether this core has SDRAM region <paramref name="regionId"/>.</summary>
    bool HasSdramRegion(int regionId);

    /// <summary>Allocates a zeroed SDRAM region on this core's chip that the host can read after a run.</summary>
    /// <exception cref="MemoryBudgetExceededException">The chip's SDRAM is exhausted.</exception>
    SdramRegion AllocateSdram(int regionId, int bytes);

    /// <summary>Reads SDRAM directly (CPU loads, charged per word; slow: prefer DMA for blocks).</summary>
    void ReadSdram<T>(SdramRegion region, int byteOffset, Span<T> destination)
        where T : unmanaged;

    /// <summary>Writes SDRAM directly (CPU stores, charged per word).</summary>
    void WriteSdram<T>(SdramRegion region, int byteOffset, ReadOnlySpan<T> source)
        where T : unmanaged;

    /// <summary>
    /// Starts a DMA transfer from SDRAM into a DTCM array of a primitive type; the data lands
    /// and <see cref="CoreApplication.OnDmaDone"/> runs when it finishes. False when the
    /// DMA queue is full.
    /// </summary>
    bool DmaRead<T>(SdramRegion region, int byteOffset, T[] destination, int destinationIndex, int length, uint tag)
        where T : unmanaged;

    /// <summary>Starts a DMA transfer from a DTCM array into SDRAM; false when the DMA queue is full.</summary>
    bool DmaWrite<T>(T[] source, int sourceIndex, int length, SdramRegion region, int byteOffset, uint tag)
        where T : unmanaged;

    /// <summary>Sends an SDP message (at most <see cref="SdpMessage.MaxDataBytes"/> bytes) to the host through the board's Ethernet chip.</summary>
    void SendSdpToHost(int port, ReadOnlySpan<byte> data);

    /// <summary>Tells the host this core has finished: no more callbacks run; packets that still arrive are taken and discarded.</summary>
    void Done();
}
