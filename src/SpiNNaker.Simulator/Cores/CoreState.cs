using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// The simulated state of one loaded core (its interrupt and callback timeline, pending
/// interrupts, callback queues, send queue, memory and counters) and the
/// <see cref="ICoreContext"/> its application talks to.
/// </summary>
internal sealed class CoreState : ICoreContext
{
    public const int Unregistered = int.MinValue;

    /// <summary>The hardware send slot plus spin1's 16-entry software queue.</summary>
    public const int OutboxCapacity = 17;

    // Field order matters: the runtime puts references first, then fields by size, then
    // structs. Only the four references a delivery or a tick needs are fields of the object;
    // what a delivery, a send or a tick touches (the timeline, the counters they bump, the
    // pending flags) follows them, and everything else, references included, is in Cold (a
    // struct, laid out at the end). A delivery so touches 176 bytes of the core (three or
    // four cache lines) instead of 236.
    public readonly Simulation Simulation;
    public readonly Router Router;
    public readonly CoreApplication Application;
    public readonly int[] Priority = [Unregistered, Unregistered, Unregistered, Unregistered, Unregistered, Unregistered];

    // Timeline: when the fast interrupt, any interrupt, and the running queued callback end.
    public long FiqFreeAt;
    public long IrqFreeAt;
    public long ThreadFreeAt;
    public long NextWake = long.MaxValue;

    // The running callback: its start and the cycles charged so far.
    public long CallbackStart;
    public long Charged;

    public long Received;
    public long Sent;
    public long BusyCycles;
    public long CallbacksRun;
    public long TimerPeriod;

    public readonly int Slot;

    // Copies of the packet priorities and the queued-callback count, read on every delivery.
    public int PriorityMc = Unregistered;
    public int PriorityMcpl = Unregistered;
    public int QueuedCount;
    public int OutboxCount;
    public int DmaDoneCount;

    // SdpArrived.Count, kept here so that looking for pending work does not visit the queue object.
    public int SdpPending;
    public uint PendingTick;
    public uint TimerGeneration;
    public uint TickCount;

    // Pending interrupt sources, and whether the program has called Done (no callback runs after).
    public bool RxFull;
    public bool TimerPending;
    public bool UserFired;
    public bool Exited;

    public ColdState Cold;

    /// <summary>The rarely touched state of a core.</summary>
    public struct ColdState
    {
        public CallbackQueue Queue1;
        public CallbackQueue Queue2;
        public Dictionary<int, SdramRegion> Regions;
        public uint[] DmaDoneTags;
        public Queue<int> SdpArrived;

        // Sends waiting for the router.
        public Packet[] Outbox;
        public long[] OutboxTime;
        public DmaTransfer[] Dma;

        // How errors name this program ("core (x, y, p)" or "<label> on (x, y, p)").
        public string Label;

        public Packet Rx;
        public bool UserPending;
        public uint UserArgument0;
        public uint UserArgument1;
        public int DmaDoneHead;
        public int OutboxHead;
        public int DmaOutstanding;
        public int DtcmUsed;
        public long SdramUsed;

        // What the loader allowed this program (CoreMemoryLimits).
        public int DtcmLimit;
        public long SdramLimit;

        public bool Started;

        /// <summary>The current run waits for this core's Done (<see cref="Simulation.RunUntilDone(IEnumerable{CoreLocation}, long)"/>).</summary>
        public bool Awaited;

        /// <summary>
        /// Done: the program called Done, the callback that called it has ended and its send
        /// queue is empty (<see cref="Simulation.IsDone"/>); from then it is no longer active.
        /// </summary>
        public bool Finished;

        /// <summary>The callback that called Done has ended, but packets still wait in the send queue.</summary>
        public bool FinishWhenSent;
        public long StartedAt;
        public long DoneAt;
        public long SendFailures;
        public long LostCallbacks;
        public long MissedTimerTicks;
        public ulong Seed;
    }

    public CoreState(Simulation simulation, int slot, Router router, CoreLocation location, CoreApplication application, ulong seed, CoreMemoryLimits limits)
    {
        Cold.DtcmLimit = limits.DtcmBytes;
        Cold.SdramLimit = limits.SdramBytes;
        Cold.Label = limits.Label is null ? $"core {location}" : $"{limits.Label} on {location}";
        Cold.Queue1 = new();
        Cold.Queue2 = new();
        Cold.Regions = [];
        Cold.SdpArrived = new();
        Cold.Outbox = new Packet[OutboxCapacity];
        Cold.OutboxTime = new long[OutboxCapacity];
        Simulation = simulation;
        Slot = slot;
        Router = router;
        Location = location;
        Application = application;
        Cold.Seed = seed;
        Cold.Dma = new DmaTransfer[simulation.Cost.DmaQueueSlots];
        Cold.DmaDoneTags = new uint[simulation.Cost.DmaQueueSlots];
    }

    public CallbackQueue Queue1 => Cold.Queue1;

    public CallbackQueue Queue2 => Cold.Queue2;

    public Dictionary<int, SdramRegion> Regions => Cold.Regions;

    public uint[] DmaDoneTags => Cold.DmaDoneTags;

    public Queue<int> SdpArrived => Cold.SdpArrived;

    public Packet[] Outbox => Cold.Outbox;

    public long[] OutboxTime => Cold.OutboxTime;

    public DmaTransfer[] Dma => Cold.Dma;

    public string Label => Cold.Label;

    public CoreLocation Location { get; }

    public ulong Seed => Cold.Seed;

    public CostModel Cost => Simulation.Cost;

    public long Now => CallbackStart + (Charged * Simulation.CoreCycle);

    public int DtcmFreeBytes => Math.Min(MemorySizes.DtcmBytes - Cost.DtcmReservedBytes, Cold.DtcmLimit) - Cold.DtcmUsed;

    public void RegisterCallback(CallbackEvent callbackEvent, int priority)
    {
        if (!Enum.IsDefined(callbackEvent))
        {
            throw new ArgumentOutOfRangeException(nameof(callbackEvent), callbackEvent, "unknown callback event");
        }

        if (priority is < CallbackPriority.Fiq or > CallbackPriority.LastQueued)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority,
                $"core {Location}: callback priority must be -1 (FIQ), 0 (immediate) or 1-{CallbackPriority.LastQueued} (queued)");
        }

        if (priority == CallbackPriority.Fiq)
        {
            var isPacket = callbackEvent is CallbackEvent.MulticastPacket or CallbackEvent.MulticastPacketWithPayload;
            for (var e = 0; e < Priority.Length; e++)
            {
                var otherIsPacket = (CallbackEvent)e is CallbackEvent.MulticastPacket or CallbackEvent.MulticastPacketWithPayload;
                if (Priority[e] == CallbackPriority.Fiq && (CallbackEvent)e != callbackEvent && !(isPacket && otherIsPacket))
                {
                    throw new InvalidOperationException(
                        $"core {Location}: only one interrupt source may be preeminent (FIQ); {(CallbackEvent)e} already is, so {callbackEvent} cannot be");
                }
            }
        }

        Priority[(int)callbackEvent] = priority;
        PriorityMc = Priority[(int)CallbackEvent.MulticastPacket];
        PriorityMcpl = Priority[(int)CallbackEvent.MulticastPacketWithPayload];
    }

    public bool Send(uint key) => Simulation.Send(this, key, 0, hasPayload: false);

    public bool Send(uint key, uint payload) => Simulation.Send(this, key, payload, hasPayload: true);

    public bool TriggerUserEvent(uint argument0 = 0, uint argument1 = 0) => Simulation.TriggerUserEvent(this, argument0, argument1);

    public void ChargeCycles(long cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        Charged += cycles;
    }

    public void SetTimer(long periodMicroseconds, long phaseMicroseconds = 0) => Simulation.SetTimer(this, periodMicroseconds, phaseMicroseconds);

    public T[] AllocateDtcm<T>(int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = (long)length * Unsafe.SizeOf<T>();
        if (Cold.DtcmUsed + bytes > Cold.DtcmLimit)
        {
            throw new MemoryBudgetExceededException(
                $"{Label} allocates {bytes:N0} B of DTCM ({length} x {typeof(T).Name}) with {Cold.DtcmUsed:N0} B already allocated, but declared {Cold.DtcmLimit:N0} B",
                bytes,
                Cold.DtcmLimit - Cold.DtcmUsed);
        }

        if (bytes > DtcmFreeBytes)
        {
            throw new MemoryBudgetExceededException(
                $"core {Location}: DTCM allocation of {bytes} bytes ({length} x {typeof(T).Name}) exceeds the {DtcmFreeBytes} bytes free " +
                $"({MemorySizes.DtcmBytes} DTCM - {Cost.DtcmReservedBytes} runtime - {Cold.DtcmUsed} allocated)",
                bytes,
                DtcmFreeBytes);
        }

        Cold.DtcmUsed += (int)bytes;
        return new T[length];
    }

    public SdramRegion GetSdramRegion(int regionId) =>
        Regions.TryGetValue(regionId, out var region)
            ? region
            : throw new KeyNotFoundException($"core {Location} has no SDRAM region {regionId}; it has [{string.Join(", ", Regions.Keys.Order())}]");

    public bool HasSdramRegion(int regionId) => Regions.ContainsKey(regionId);

    public SdramRegion AllocateSdram(int regionId, int bytes)
    {
        if (bytes >= 0 && Cold.SdramUsed + bytes > Cold.SdramLimit)
        {
            throw new MemoryBudgetExceededException(
                $"{Label} allocates SDRAM region {regionId} of {bytes:N0} B with {Cold.SdramUsed:N0} B already used (its loaded regions included), but declared {Cold.SdramLimit:N0} B",
                bytes,
                Cold.SdramLimit - Cold.SdramUsed);
        }

        return Simulation.AllocateRegion(this, regionId, bytes, null);
    }

    public void ReadSdram<T>(SdramRegion region, int byteOffset, Span<T> destination)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        CheckRange(region, byteOffset, bytes.Length);
        region.Bytes.AsSpan(byteOffset, bytes.Length).CopyTo(bytes);
        Charged += WordCount(bytes.Length) * Cost.SdramWordAccessCycles;
    }

    public void WriteSdram<T>(SdramRegion region, int byteOffset, ReadOnlySpan<T> source)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(source);
        CheckRange(region, byteOffset, bytes.Length);
        bytes.CopyTo(region.Bytes.AsSpan(byteOffset, bytes.Length));
        Charged += WordCount(bytes.Length) * Cost.SdramWordAccessCycles;
    }

    public bool DmaRead<T>(SdramRegion region, int byteOffset, T[] destination, int destinationIndex, int length, uint tag)
        where T : unmanaged => Simulation.StartDma(this, region, byteOffset, destination, destinationIndex, length, Unsafe.SizeOf<T>(), tag, toSdram: false);

    public bool DmaWrite<T>(T[] source, int sourceIndex, int length, SdramRegion region, int byteOffset, uint tag)
        where T : unmanaged => Simulation.StartDma(this, region, byteOffset, source, sourceIndex, length, Unsafe.SizeOf<T>(), tag, toSdram: true);

    public void SendSdpToHost(int port, ReadOnlySpan<byte> data) => Simulation.SendSdpToHost(this, port, data);

    public void Done() => Simulation.MarkDone(this);

    public void CheckRange(SdramRegion region, int byteOffset, int length)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Owner.Chip != Location.Chip)
        {
            throw new ArgumentException($"core {Location} cannot reach {region}: SDRAM is per chip", nameof(region));
        }

        if (byteOffset < 0 || length < 0 || (long)byteOffset + length > region.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(byteOffset), byteOffset,
                $"core {Location}: {length} bytes at offset {byteOffset} do not fit {region}");
        }
    }

    private static long WordCount(int bytes) => (bytes + 3) / 4;
}
