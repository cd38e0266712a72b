using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// The cores: interrupts (fast and normal), the two queued-callback levels, sending through
/// the hardware slot and software queue, timers, user events and DMA.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>
    /// The router hands a packet to a core's communications controller. The core takes it at
    /// once when its interrupt level is free; otherwise the controller holds it (and the
    /// router cannot give this core another packet until it is taken).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // out of the routing path: inlined, its registers crowded the hop (measured 4 % slower)
    private void DeliverToCore(CoreState core, uint key, uint payload, bool hasPayload)
    {
        if (core.Exited)
        {
            core.Received++;
            return;
        }

        var priority = hasPayload ? core.PriorityMcpl : core.PriorityMc;
        var fiq = priority == CallbackPriority.Fiq;
        var free = fiq ? core.FiqFreeAt : core.IrqFreeAt;
        var now = Now;
        if (free <= now)
        {
            // The controller is empty (the router only gives a packet to a core not holding
            // one), so the core takes it at once: receive interrupt, then the callback.
            core.Received++;
            var cycles = _packetInterruptCycles;
            if (priority == CoreState.Unregistered)
            {
                // No callback: the runtime reads and discards the packet.
            }
            else if (priority <= CallbackPriority.Immediate)
            {
                cycles = RunPacketCallback(core, now, cycles, key, payload, hasPayload);
            }
            else
            {
                Enqueue(core, priority, hasPayload ? CallbackEvent.MulticastPacketWithPayload : CallbackEvent.MulticastPacket, key, payload);
            }

            ApplyInterrupt(core, now, cycles, fiq);
            if (core.QueuedCount > 0)
            {
                EnsureWake(core, Math.Max(core.IrqFreeAt, core.ThreadFreeAt));
            }
        }
        else
        {
            core.Cold.Rx = new Packet { Key = key, Payload = payload, Flags = hasPayload ? Packet.HasPayloadFlag : (byte)0, Ports = Packet.LocalPorts };
            core.RxFull = true;
            core.Router.Hot.CoresHolding |= 1u << core.Location.P;
            EnsureWake(core, free);
        }
    }

    /// <summary>A packet callback at FIQ or immediate priority, without the general dispatch of <see cref="RunCallback"/>.</summary>
    private long RunPacketCallback(CoreState core, long start, long entryCycles, uint key, uint payload, bool hasPayload)
    {
        core.CallbackStart = start;
        core.Charged = entryCycles;
        core.CallbacksRun++;
        try
        {
            if (hasPayload)
            {
                core.Application.OnMulticastPacketWithPayload(key, payload);
            }
            else
            {
                core.Application.OnMulticastPacket(key);
            }
        }
        catch (Exception ex) when (ex is not CoreApplicationException)
        {
            throw new CoreApplicationException(core.Location, "On" + (hasPayload ? CallbackEvent.MulticastPacketWithPayload : CallbackEvent.MulticastPacket), start, ex);
        }

        return core.Charged;
    }

    /// <summary>Handles what a core has pending that can run now, then books the next look.</summary>
    private void Service(CoreState core)
    {
        var now = Now;
        if (core.Exited)
        {
            if (core.RxFull)
            {
                ReleaseRx(core);
                core.Received++;
            }

            return;
        }

        var priority = core.Priority;
        while (!core.Exited)
        {
            if (core.RxFull)
            {
                var p = core.Cold.Rx.HasPayload ? core.PriorityMcpl : core.PriorityMc;
                if (LevelFree(core, p, now))
                {
                    TakePacket(core, p, p == CallbackPriority.Fiq);
                    continue;
                }
            }

            if (core.TimerPending && LevelFree(core, priority[(int)CallbackEvent.TimerTick], now))
            {
                core.TimerPending = false;
                TakeInterrupt(core, CallbackEvent.TimerTick, _timerInterruptCycles, core.PendingTick, 0);
                continue;
            }

            if (core.DmaDoneCount > 0 && LevelFree(core, priority[(int)CallbackEvent.DmaDone], now))
            {
                var tag = core.DmaDoneTags[core.Cold.DmaDoneHead];
                core.Cold.DmaDoneHead = (core.Cold.DmaDoneHead + 1) % core.DmaDoneTags.Length;
                core.DmaDoneCount--;
                TakeInterrupt(core, CallbackEvent.DmaDone, Cost.DmaDoneInterruptCycles, tag, 0);
                continue;
            }

            if (core.UserFired && LevelFree(core, priority[(int)CallbackEvent.UserEvent], now))
            {
                core.UserFired = false;
                core.Cold.UserPending = false;
                TakeInterrupt(core, CallbackEvent.UserEvent, Cost.UserEventInterruptCycles, core.Cold.UserArgument0, core.Cold.UserArgument1);
                continue;
            }

            if (core.SdpPending > 0 && LevelFree(core, priority[(int)CallbackEvent.SdpMessage], now))
            {
                core.SdpPending--;
                TakeInterrupt(core, CallbackEvent.SdpMessage, Cost.SdpReceiveCycles, (uint)core.SdpArrived.Dequeue(), 0);
                continue;
            }

            break;
        }

        if (!core.Exited && core.IrqFreeAt <= now && core.ThreadFreeAt <= now && core.QueuedCount > 0)
        {
            DispatchQueued(core, now);
        }

        Reschedule(core);
    }

    private static bool LevelFree(CoreState core, int priority, long now) =>
        (priority == CallbackPriority.Fiq ? core.FiqFreeAt : core.IrqFreeAt) <= now;

    /// <summary>Books a wake-up for the earliest moment something pending could run.</summary>
    private void Reschedule(CoreState core)
    {
        if (core.Exited)
        {
            return;
        }

        var next = long.MaxValue;
        var priority = core.Priority;
        if (core.RxFull)
        {
            next = Math.Min(next, LevelFreeAt(core, core.Cold.Rx.HasPayload ? core.PriorityMcpl : core.PriorityMc));
        }

        if (core.TimerPending)
        {
            next = Math.Min(next, LevelFreeAt(core, priority[(int)CallbackEvent.TimerTick]));
        }

        if (core.DmaDoneCount > 0)
        {
            next = Math.Min(next, LevelFreeAt(core, priority[(int)CallbackEvent.DmaDone]));
        }

        if (core.UserFired)
        {
            next = Math.Min(next, LevelFreeAt(core, priority[(int)CallbackEvent.UserEvent]));
        }

        if (core.SdpPending > 0)
        {
            next = Math.Min(next, LevelFreeAt(core, priority[(int)CallbackEvent.SdpMessage]));
        }

        if (core.QueuedCount > 0)
        {
            next = Math.Min(next, Math.Max(core.IrqFreeAt, core.ThreadFreeAt));
        }

        if (next != long.MaxValue)
        {
            EnsureWake(core, Math.Max(next, Now));
        }
    }

    private static long LevelFreeAt(CoreState core, int priority) => priority == CallbackPriority.Fiq ? core.FiqFreeAt : core.IrqFreeAt;

    private void EnsureWake(CoreState core, long time)
    {
        if (time < core.NextWake)
        {
            core.NextWake = time;
            _queue.Push(time, EventKind.CoreWake, core.Slot, 0, 0, 0, 0);
        }
    }

    private void Wake(CoreState core)
    {
        if (Now != core.NextWake)
        {
            return;
        }

        core.NextWake = long.MaxValue;
        Service(core);
    }

    /// <summary>The core takes the packet in its communications controller: receive interrupt, then the callback now or queued.</summary>
    private void TakePacket(CoreState core, int priority, bool fiq)
    {
        var packet = core.Cold.Rx;
        if (core.RxFull)
        {
            ReleaseRx(core);
        }

        core.Received++;
        var cycles = _packetInterruptCycles;
        var callbackEvent = packet.HasPayload ? CallbackEvent.MulticastPacketWithPayload : CallbackEvent.MulticastPacket;
        if (priority == CoreState.Unregistered)
        {
            // No callback: the runtime reads and discards the packet.
        }
        else if (priority <= CallbackPriority.Immediate)
        {
            cycles = RunCallback(core, Now, cycles, callbackEvent, packet.Key, packet.Payload);
        }
        else
        {
            Enqueue(core, priority, callbackEvent, packet.Key, packet.Payload);
        }

        ApplyInterrupt(core, Now, cycles, fiq);
    }

    /// <summary>The communications controller is free again: a router held up by this core may go on.</summary>
    private void ReleaseRx(CoreState core)
    {
        core.RxFull = false;
        core.Router.Hot.CoresHolding &= ~(1u << core.Location.P);
        if (_stalled[core.Router.Index])
        {
            ScheduleRetry(core.Router);
        }
    }

    private void TakeInterrupt(CoreState core, CallbackEvent callbackEvent, long cycles, uint a, uint b)
    {
        var priority = core.Priority[(int)callbackEvent];
        if (priority == CoreState.Unregistered)
        {
            return;
        }

        if (priority <= CallbackPriority.Immediate)
        {
            cycles = RunCallback(core, Now, cycles, callbackEvent, a, b);
        }
        else
        {
            Enqueue(core, priority, callbackEvent, a, b);
        }

        ApplyInterrupt(core, Now, cycles, priority == CallbackPriority.Fiq);
    }

    private static void Enqueue(CoreState core, int priority, CallbackEvent callbackEvent, uint a, uint b)
    {
        if ((priority == CallbackPriority.FirstQueued ? core.Queue1 : core.Queue2).TryEnqueue(callbackEvent, a, b))
        {
            core.QueuedCount++;
        }
        else
        {
            core.Cold.LostCallbacks++;
        }
    }

    /// <summary>
    /// An interrupt handler of <paramref name="cycles"/> starts at <paramref name="start"/>.
    /// A fast interrupt preempts a running normal one (extending it); any interrupt extends
    /// a queued callback that is running.
    /// </summary>
    private void ApplyInterrupt(CoreState core, long start, long cycles, bool fiq)
    {
        var duration = cycles * CoreCycle;
        core.BusyCycles += cycles;
        if (fiq)
        {
            core.FiqFreeAt = start + duration;
            core.IrqFreeAt = core.IrqFreeAt > start ? core.IrqFreeAt + duration : start + duration;
        }
        else
        {
            core.IrqFreeAt = start + duration;
        }

        if (core.ThreadFreeAt > start)
        {
            core.ThreadFreeAt += duration;
        }
    }

    private void DispatchQueued(CoreState core, long now)
    {
        var queue = core.Queue1.Count > 0 ? core.Queue1 : core.Queue2;
        var callback = queue.Dequeue();
        core.QueuedCount--;
        var cycles = RunCallback(core, now, Cost.QueuedCallbackDispatchCycles, callback.Event, callback.A, callback.B);
        core.ThreadFreeAt = now + (cycles * CoreCycle);
        core.BusyCycles += cycles;
    }

    /// <summary>Runs an application callback in zero host time at <paramref name="start"/>; returns the cycles it took.</summary>
    private long RunCallback(CoreState core, long start, long entryCycles, CallbackEvent callbackEvent, uint a, uint b)
    {
        core.CallbackStart = start;
        core.Charged = entryCycles;
        core.CallbacksRun++;
        var application = core.Application;
        try
        {
            switch (callbackEvent)
            {
                case CallbackEvent.MulticastPacket:
                    application.OnMulticastPacket(a);
                    break;
                case CallbackEvent.MulticastPacketWithPayload:
                    application.OnMulticastPacketWithPayload(a, b);
                    break;
                case CallbackEvent.TimerTick:
                    application.OnTimerTick(a);
                    break;
                case CallbackEvent.UserEvent:
                    application.OnUserEvent(a, b);
                    break;
                case CallbackEvent.DmaDone:
                    application.OnDmaDone(a);
                    break;
                default:
                    var message = _messages[(int)a];
                    application.OnSdpMessage(message.Port, message.Bytes);
                    break;
            }
        }
        catch (Exception ex) when (ex is not CoreApplicationException)
        {
            throw new CoreApplicationException(core.Location, "On" + callbackEvent, start, ex);
        }

        return core.Charged;
    }

    /// <summary>
    /// A core sends a packet; it leaves at the callback's start plus the cycles charged so
    /// far. While its router is not stalled (at the moment the callback runs) and nothing of
    /// this core waits, the packet flows straight to the router; otherwise it waits in the
    /// hardware slot, then in the 16-entry software queue; when both are full the send fails.
    /// </summary>
    internal bool Send(CoreState core, uint key, uint payload, bool hasPayload)
    {
        core.Charged += _sendCycles;
        var time = core.Now;
        var flags = hasPayload ? Packet.HasPayloadFlag : (byte)0;
        var router = core.Router;
        if (core.OutboxCount == 0 && !_stalled[router.Index])
        {
            core.Sent++;
            _localInFlight++;
            _queue.Push(time + _routerLatency, EventKind.LocalArrive, router.Index, flags, Packet.LocalPorts, key, payload);
            return true;
        }

        if (core.OutboxCount == CoreState.OutboxCapacity)
        {
            core.Cold.SendFailures++;
            return false;
        }

        var i = (core.Cold.OutboxHead + core.OutboxCount) % CoreState.OutboxCapacity;
        core.Outbox[i] = new Packet { Key = key, Payload = payload, Flags = flags, Ports = Packet.LocalPorts };
        core.OutboxTime[i] = time;
        core.OutboxCount++;
        core.Sent++;
        if (core.OutboxCount == 1)
        {
            _queue.Push(time + _routerLatency, EventKind.ChainArrive, core.Slot, 0, 0, 0, 0);
        }

        return true;
    }

    /// <summary>The router took the core's waiting packet: the next waiting one moves into the hardware slot.</summary>
    private void ContinueSendChain(CoreState core)
    {
        core.Cold.OutboxHead = (core.Cold.OutboxHead + 1) % CoreState.OutboxCapacity;
        core.OutboxCount--;
        if (core.OutboxCount > 0)
        {
            var time = Math.Max(Now + _routerCycle, core.OutboxTime[core.Cold.OutboxHead] + _routerLatency);
            _queue.Push(time, EventKind.ChainArrive, core.Slot, 0, 0, 0, 0);
        }
        else if (core.Cold.FinishWhenSent)
        {
            Finish(core);
        }
    }

    internal bool TriggerUserEvent(CoreState core, uint argument0, uint argument1)
    {
        if (core.Cold.UserPending)
        {
            return false;
        }

        core.Cold.UserPending = true;
        core.Cold.UserArgument0 = argument0;
        core.Cold.UserArgument1 = argument1;
        _queue.Push(Math.Max(core.Now, Now), EventKind.UserEvent, core.Slot, 0, 0, 0, 0);
        return true;
    }

    private void FireUserEvent(CoreState core)
    {
        if (core.Exited)
        {
            return;
        }

        core.UserFired = true;
        Service(core);
    }

    internal void SetTimer(CoreState core, long periodMicroseconds, long phaseMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periodMicroseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(phaseMicroseconds);
        core.TimerGeneration++;
        core.TimerPeriod = checked(periodMicroseconds * SimulatedTime.Microsecond);
        if (core.TimerPeriod > 0)
        {
            var first = Math.Max(core.Now, Now) + checked(phaseMicroseconds * SimulatedTime.Microsecond);
            _queue.Push(first, EventKind.TimerTick, core.Slot, 0, 0, core.TimerGeneration, 0);
        }
    }

    /// <summary>The timer fires: the interrupt is raised (a tick while the last is still pending merges with it and is counted as missed).</summary>
    private void Tick(CoreState core, uint generation)
    {
        if (core.Exited || generation != core.TimerGeneration)
        {
            return;
        }

        _queue.Push(Now + core.TimerPeriod, EventKind.TimerTick, core.Slot, 0, 0, generation, 0);
        core.TickCount++;
        var priority = core.Priority[(int)CallbackEvent.TimerTick];
        if (priority == CoreState.Unregistered)
        {
            return;
        }

        if (core.TimerPending)
        {
            core.Cold.MissedTimerTicks++;
            return;
        }

        core.TimerPending = true;
        core.PendingTick = core.TickCount;
        if (priority <= CallbackPriority.Immediate && LevelFree(core, priority, Now)
            && !core.RxFull && core.QueuedCount == 0 && core.DmaDoneCount == 0 && !core.UserFired && core.SdpPending == 0)
        {
            // Nothing else is pending and the level is free: exactly what Service would do,
            // without its scans (an interrupt-level callback queues nothing).
            core.TimerPending = false;
            TakeInterrupt(core, CallbackEvent.TimerTick, _timerInterruptCycles, core.PendingTick, 0);
            return;
        }

        Service(core);
    }

    internal bool StartDma(CoreState core, SdramRegion region, int byteOffset, Array dtcm, int index, int length, int elementSize, uint tag, bool toSdram)
    {
        ArgumentNullException.ThrowIfNull(dtcm);
        if (dtcm.GetType().GetElementType() is not { IsPrimitive: true })
        {
            throw new ArgumentException($"core {core.Location}: DMA moves arrays of primitive types; received {dtcm.GetType().Name}", nameof(dtcm));
        }

        if (index < 0 || length < 0 || (long)index + length > dtcm.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"core {core.Location}: {length} elements at {index} do not fit an array of {dtcm.Length}");
        }

        var bytes = length * elementSize;
        if (bytes > Cost.DmaMaxTransferBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"core {core.Location}: a DMA transfer moves at most {Cost.DmaMaxTransferBytes} bytes; asked for {bytes}");
        }

        core.CheckRange(region, byteOffset, bytes);
        core.Charged += Cost.DmaIssueCycles;
        if (core.Cold.DmaOutstanding == core.Dma.Length)
        {
            return false;
        }

        var slot = Array.FindIndex(core.Dma, d => !d.Active);
        core.Dma[slot] = new DmaTransfer
        {
            Active = true,
            ToSdram = toSdram,
            Region = region,
            RegionOffset = byteOffset,
            Dtcm = dtcm,
            DtcmByteOffset = index * elementSize,
            Bytes = bytes,
            Tag = tag,
        };
        core.Cold.DmaOutstanding++;

        // The chip's DMA bandwidth is shared: transfers of all its cores queue for it.
        var chip = core.Router.Index;
        var start = Math.Max(Math.Max(core.Now, Now), _chipDmaFreeAt[chip]);
        var duration = (long)Math.Ceiling(bytes * (double)SimulatedTime.Second / Cost.DmaBytesPerSecond);
        _chipDmaFreeAt[chip] = start + duration;
        _queue.Push(start + duration, EventKind.DmaComplete, core.Slot, 0, 0, (uint)slot, 0);
        return true;
    }

    private void CompleteDma(CoreState core, int slot)
    {
        ref var transfer = ref core.Dma[slot];
        if (transfer.ToSdram)
        {
            Buffer.BlockCopy(transfer.Dtcm, transfer.DtcmByteOffset, transfer.Region.Bytes, transfer.RegionOffset, transfer.Bytes);
        }
        else
        {
            Buffer.BlockCopy(transfer.Region.Bytes, transfer.RegionOffset, transfer.Dtcm, transfer.DtcmByteOffset, transfer.Bytes);
        }

        var tag = transfer.Tag;
        transfer = default;
        core.Cold.DmaOutstanding--;
        if (core.Exited)
        {
            return;
        }

        core.DmaDoneTags[(core.Cold.DmaDoneHead + core.DmaDoneCount) % core.DmaDoneTags.Length] = tag;
        core.DmaDoneCount++;
        Service(core);
    }

    internal SdramRegion AllocateRegion(CoreState core, int regionId, int bytes, byte[]? initial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (core.Regions.ContainsKey(regionId))
        {
            throw new ArgumentException($"core {core.Location} already has SDRAM region {regionId}", nameof(regionId));
        }

        var chip = core.Router.Index;
        var free = Machine.GetChip(core.Location.Chip).SdramBytes - _chipSdramUsed[chip];
        if (bytes > free)
        {
            throw new MemoryBudgetExceededException(
                $"core {core.Location}: SDRAM region {regionId} of {bytes} bytes exceeds the {free} bytes free on chip {core.Location.Chip}", bytes, free);
        }

        var region = new SdramRegion(core.Location, regionId, initial is null ? new byte[bytes] : [.. initial]);
        core.Regions.Add(regionId, region);
        core.Cold.SdramUsed += bytes;
        _chipSdramUsed[chip] += bytes;
        return region;
    }

    /// <summary>
    /// The program calls Done: no callback runs after this one. The core is done (counted,
    /// and a run waiting for it may end) once this callback has ended and its send queue is
    /// empty; the end of the callback is known only when the event is over (<see cref="ScheduleFinishes"/>).
    /// </summary>
    internal void MarkDone(CoreState core)
    {
        if (core.Exited)
        {
            return;
        }

        core.Exited = true;
        _finishing.Add(core);
        _exitCheck = true;
        core.TimerGeneration++;
        core.TimerPending = false;
        core.UserFired = false;
        core.DmaDoneCount = 0;
        core.SdpArrived.Clear();
        core.SdpPending = 0;
        core.Queue1.Clear();
        core.Queue2.Clear();
        core.QueuedCount = 0;
    }

    /// <summary>
    /// After the event in which cores called Done: each is done when everything it was running
    /// has ended (the callback that called Done, and an interrupted one it extended).
    /// </summary>
    private void ScheduleFinishes()
    {
        foreach (var core in _finishing)
        {
            var end = Math.Max(Math.Max(core.FiqFreeAt, core.IrqFreeAt), Math.Max(core.ThreadFreeAt, Now));
            _queue.Push(end, EventKind.CoreFinish, core.Slot, 0, 0, 0, 0);
        }

        _finishing.Clear();
    }

    /// <summary>The callback that called Done has ended: the core is done now, or when its last waiting packet has gone to the router.</summary>
    private void EndLastCallback(CoreState core)
    {
        if (core.OutboxCount == 0)
        {
            Finish(core);
        }
        else
        {
            core.Cold.FinishWhenSent = true;
        }
    }

    private void Finish(CoreState core)
    {
        core.Cold.Finished = true;
        core.Cold.FinishWhenSent = false;
        core.Cold.DoneAt = Now;
        _doneCount++;
        if (core.Cold.Awaited)
        {
            _awaitedNotDone--;
        }

        _exitCheck = true;
    }
}
