namespace SpiNNaker.Simulator;

/// <summary>
/// Every timing, cost and energy number the simulator uses, as a named parameter. Each says
/// where it comes from; "assumed" marks a number no source gives exactly (see
/// SPINNAKER-FACTS.md and docs/simulator.md). Immutable: derive variants with <c>with</c>.
/// </summary>
public sealed record CostModel
{
    /// <summary>The documented defaults.</summary>
    public static CostModel Default { get; } = new();

    // ---- Clocks -------------------------------------------------------------------------

    /// <summary>Core clock: 200 MHz (SpiNNaker datasheet; 5 ns per cycle).</summary>
    public long CoreClockHz { get; init; } = 200_000_000;

    /// <summary>Router and system-bus clock: 133 MHz (SpiNNaker datasheet).</summary>
    public long RouterClockHz { get; init; } = 133_000_000;

    /// <summary>One core cycle in picoseconds (derived from <see cref="CoreClockHz"/>).</summary>
    public long CoreCyclePicoseconds => (SimulatedTime.Second + (CoreClockHz / 2)) / CoreClockHz;

    /// <summary>One router cycle in picoseconds (derived from <see cref="RouterClockHz"/>; 7,519 ps).</summary>
    public long RouterCyclePicoseconds => (SimulatedTime.Second + (RouterClockHz / 2)) / RouterClockHz;

    // ---- Router and links ---------------------------------------------------------------

    /// <summary>
    /// Time from a packet entering a router to leaving it: 50 ns. Assumed: a 7-stage
    /// pipeline at 133 MHz is ~52.6 ns (TickySim's SpiNNaker configuration; SPINNAKER-FACTS.md).
    /// </summary>
    public long RouterLatencyPicoseconds { get; init; } = 50_000;

    /// <summary>Serialising a 40-bit packet over an inter-chip link: 130 ns. Assumed (120-160 ns on-board links).</summary>
    public long LinkPacketTime40BitPicoseconds { get; init; } = 130_000;

    /// <summary>Serialising a 72-bit packet (with payload) over a link: 230 ns. Assumed (proportionally longer).</summary>
    public long LinkPacketTime72BitPicoseconds { get; init; } = 230_000;

    /// <summary>
    /// Packets that one link can hold between the sending router's output and the receiving
    /// router's input (output FIFO, wire, input FIFO): 4. Assumed. When they are all taken
    /// the sending router cannot use the link: it is back-pressured.
    /// </summary>
    public int LinkBufferPackets { get; init; } = 4;

    // ---- Core: interrupts, callbacks, sending -------------------------------------------

    /// <summary>Taking a packet from the communications controller (interrupt entry, read, exit): 100 cycles. Assumed (60-150).</summary>
    public int PacketReceivedInterruptCycles { get; init; } = 100;

    /// <summary>Dispatching one queued callback (dequeue, call, return to the scheduler): 150 cycles. Assumed (100-200).</summary>
    public int QueuedCallbackDispatchCycles { get; init; } = 150;

    /// <summary>Writing one packet to the communications controller (<c>spin1_send_mc_packet</c>): 30 cycles. Assumed (20-40).</summary>
    public int SendPacketCycles { get; init; } = 30;

    /// <summary>The timer interrupt (entry, clear, queue the callback, exit): 100 cycles. Assumed (like a packet interrupt).</summary>
    public int TimerInterruptCycles { get; init; } = 100;

    /// <summary>The software (user event) interrupt: 60 cycles. Assumed.</summary>
    public int UserEventInterruptCycles { get; init; } = 60;

    /// <summary>The DMA-done interrupt: 60 cycles. Assumed.</summary>
    public int DmaDoneInterruptCycles { get; init; } = 60;

    /// <summary>Receiving an SDP message from the monitor's mailbox and copying it: 300 cycles. Assumed.</summary>
    public int SdpReceiveCycles { get; init; } = 300;

    /// <summary>Handing an SDP message to the monitor for sending: 300 cycles. Assumed.</summary>
    public int SdpSendCycles { get; init; } = 300;

    // ---- Memory ---------------------------------------------------------------------------

    /// <summary>
    /// DTCM taken by the stack and the runtime (spin1 API, SARK) before the application
    /// allocates: 4,096 bytes. Assumed. Applications get 64 KB minus this.
    /// </summary>
    public int DtcmReservedBytes { get; init; } = 4_096;

    /// <summary>A core reading or writing one 32-bit SDRAM word directly: 25 cycles. Assumed (SDRAM is 20-30x slower than TCM).</summary>
    public int SdramWordAccessCycles { get; init; } = 25;

    /// <summary>Programming one DMA transfer: 30 cycles of the requesting core. Assumed.</summary>
    public int DmaIssueCycles { get; init; } = 30;

    /// <summary>Sustained SDRAM DMA bandwidth per chip, shared by its cores: 1 GB/s (datasheet: "over 1 Gbyte/s").</summary>
    public long DmaBytesPerSecond { get; init; } = 1_000_000_000;

    /// <summary>The largest single DMA transfer: 128 KB (SPINNAKER-FACTS.md).</summary>
    public int DmaMaxTransferBytes { get; init; } = 128 * 1024;

    /// <summary>Outstanding DMA transfers per core: 16 (the DMA queue of SPINNAKER-FACTS.md).</summary>
    public int DmaQueueSlots { get; init; } = 16;

    // ---- Reinjector -----------------------------------------------------------------------

    /// <summary>The reinjector reading the dropped-packet register after the drop interrupt: 50 cycles. Assumed (a short FIQ handler).</summary>
    public int ReinjectorReadCycles { get; init; } = 50;

    /// <summary>The reinjector re-sending one packet: 40 cycles. Assumed.</summary>
    public int ReinjectorSendCycles { get; init; } = 40;

    /// <summary>The reinjector's queue of dropped packets: 4,096 (SpiNNFrontEndCommon's extra monitor).</summary>
    public int ReinjectionQueuePackets { get; init; } = 4_096;

    // ---- Host link (Ethernet, SDP over UDP) -------------------------------------------

    /// <summary>Ethernet bandwidth of a board's Ethernet chip: 100 Mbit/s. Assumed (the chip's 10/100 Ethernet MAC).</summary>
    public long EthernetBitsPerSecond { get; init; } = 100_000_000;

    /// <summary>One-way latency between host and Ethernet chip (host stack, switch, wire): 50 us. Assumed.</summary>
    public long EthernetLatencyPicoseconds { get; init; } = 50 * SimulatedTime.Microsecond;

    /// <summary>
    /// Bytes each SDP message adds on the wire: 2 padding + 8 SDP header + 8 UDP + 20 IP +
    /// 14 Ethernet + 4 frame check = 56 (derived from the protocol headers).
    /// </summary>
    public int SdpFrameOverheadBytes { get; init; } = 56;

    /// <summary>Forwarding an SDP message one chip further (monitor to monitor over P2P): 20 us per hop. Assumed.</summary>
    public long SdpHopPicoseconds { get; init; } = 20 * SimulatedTime.Microsecond;

    // ---- Runs -------------------------------------------------------------------------------

    /// <summary>
    /// The longest a run-until-done goes on, once the cores it waits for are done, for what
    /// they sent to arrive (until the network is quiet): 10 ms. Assumed: a bound, not an
    /// expected time; a packet crosses a SpiN-5 in microseconds even when every hop waits
    /// wait1, a full reinjection queue (4,096 packets) empties in under 1 ms, and 10 ms of the
    /// host link carry about 400 full SDP messages. It ends a drain that never becomes quiet
    /// (a packet circling a torus by default routing, a core that never stops sending).
    /// </summary>
    public long DrainLimitPicoseconds { get; init; } = 10 * SimulatedTime.Millisecond;

    // ---- Energy -----------------------------------------------------------------------------

    /// <summary>Power of an idle chip: 0.35 W (measured; SpiNNaker toolchain energy model).</summary>
    public double ChipIdleWatts { get; init; } = 0.35;

    /// <summary>Extra power of each core running an application: 0.034 W (measured; SpiNNaker toolchain energy model).</summary>
    public double ActiveCoreWatts { get; init; } = 0.034;

    /// <summary>Router energy per packet bit per router passed: 25 pJ (1 nJ per 40-bit, 1.8 nJ per 72-bit packet; measured).</summary>
    public double RouterJoulesPerBit { get; init; } = 25e-12;

    // ---- Arithmetic -------------------------------------------------------------------------

    /// <summary>Cycle costs of software floating point.</summary>
    public ArithmeticCosts FloatArithmetic { get; init; } = ArithmeticCosts.SoftwareFloat;

    /// <summary>Cycle costs of s16.15 fixed point.</summary>
    public ArithmeticCosts FixedPointArithmetic { get; init; } = ArithmeticCosts.FixedPoint;

    /// <summary>The cost table of <paramref name="format"/>.</summary>
    public ArithmeticCosts Arithmetic(NumberFormat format) => format switch
    {
        NumberFormat.Float => FloatArithmetic,
        NumberFormat.FixedS1615 => FixedPointArithmetic,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown number format"),
    };

    /// <summary>Checks every parameter is in range.</summary>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        static void Positive(long value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentException($"cost model: {name} must be positive; received {value}", name);
            }
        }

        static void NotNegative(long value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentException($"cost model: {name} must not be negative; received {value}", name);
            }
        }

        Positive(CoreClockHz, nameof(CoreClockHz));
        Positive(RouterClockHz, nameof(RouterClockHz));
        NotNegative(RouterLatencyPicoseconds, nameof(RouterLatencyPicoseconds));
        Positive(LinkPacketTime40BitPicoseconds, nameof(LinkPacketTime40BitPicoseconds));
        Positive(LinkPacketTime72BitPicoseconds, nameof(LinkPacketTime72BitPicoseconds));
        Positive(LinkBufferPackets, nameof(LinkBufferPackets));
        NotNegative(PacketReceivedInterruptCycles, nameof(PacketReceivedInterruptCycles));
        NotNegative(QueuedCallbackDispatchCycles, nameof(QueuedCallbackDispatchCycles));
        NotNegative(SendPacketCycles, nameof(SendPacketCycles));
        NotNegative(TimerInterruptCycles, nameof(TimerInterruptCycles));
        NotNegative(UserEventInterruptCycles, nameof(UserEventInterruptCycles));
        NotNegative(DmaDoneInterruptCycles, nameof(DmaDoneInterruptCycles));
        NotNegative(SdpReceiveCycles, nameof(SdpReceiveCycles));
        NotNegative(SdpSendCycles, nameof(SdpSendCycles));
        NotNegative(DtcmReservedBytes, nameof(DtcmReservedBytes));
        NotNegative(SdramWordAccessCycles, nameof(SdramWordAccessCycles));
        NotNegative(DmaIssueCycles, nameof(DmaIssueCycles));
        Positive(DmaBytesPerSecond, nameof(DmaBytesPerSecond));
        Positive(DmaMaxTransferBytes, nameof(DmaMaxTransferBytes));
        Positive(DmaQueueSlots, nameof(DmaQueueSlots));
        NotNegative(ReinjectorReadCycles, nameof(ReinjectorReadCycles));
        NotNegative(ReinjectorSendCycles, nameof(ReinjectorSendCycles));
        Positive(ReinjectionQueuePackets, nameof(ReinjectionQueuePackets));
        Positive(EthernetBitsPerSecond, nameof(EthernetBitsPerSecond));
        NotNegative(EthernetLatencyPicoseconds, nameof(EthernetLatencyPicoseconds));
        NotNegative(SdpFrameOverheadBytes, nameof(SdpFrameOverheadBytes));
        NotNegative(SdpHopPicoseconds, nameof(SdpHopPicoseconds));
        NotNegative(DrainLimitPicoseconds, nameof(DrainLimitPicoseconds));
        if (DtcmReservedBytes > Machine.MemorySizes.DtcmBytes)
        {
            throw new ArgumentException($"cost model: DtcmReservedBytes {DtcmReservedBytes} exceeds DTCM ({Machine.MemorySizes.DtcmBytes})", nameof(DtcmReservedBytes));
        }

        if (ChipIdleWatts < 0 || ActiveCoreWatts < 0 || RouterJoulesPerBit < 0 || !double.IsFinite(ChipIdleWatts + ActiveCoreWatts + RouterJoulesPerBit))
        {
            throw new ArgumentException(
                $"cost model: energy parameters must be finite and not negative; received idle {ChipIdleWatts} W, core {ActiveCoreWatts} W, router {RouterJoulesPerBit} J/bit");
        }
    }
}
