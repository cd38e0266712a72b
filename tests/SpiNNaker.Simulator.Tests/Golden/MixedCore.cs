namespace SpiNNaker.Simulator.Tests.Golden;

/// <summary>
/// A core application that touches every part of the core model at once, for the golden
/// runs: plain packets at FIQ, payload packets queued, user events queued at the other
/// level, timer ticks, DMA writes, direct SDRAM writes, SDP to the host, and an early Done on
/// some cores. Everything it observes (keys, payloads, times) is folded into a hash that it
/// writes to SDRAM on every tick, so the golden file also pins what each core saw and when.
/// </summary>
internal sealed class MixedCore(uint key, int periodMicroseconds, int phaseMicroseconds, int doneAfterTicks) : CoreApplication
{
    public const int TraceRegion = 1;
    public const int DmaRegion = 2;

    private ICoreContext _core = null!;
    private ulong[] _state = null!;
    private uint[] _buffer = null!;
    private SdramRegion _trace = null!;
    private SdramRegion _dma = null!;

    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _state = context.AllocateDtcm<ulong>(2);
        _state[1] = context.Seed | 1;
        _buffer = context.AllocateDtcm<uint>(16);
        _trace = context.AllocateSdram(TraceRegion, 16);
        _dma = context.AllocateSdram(DmaRegion, 16 * 4 * 4);
        context.RegisterCallback(CallbackEvent.MulticastPacket, CallbackPriority.Fiq);
        context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.FirstQueued);
        context.RegisterCallback(CallbackEvent.UserEvent, CallbackPriority.LastQueued);
        context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.Immediate);
        context.RegisterCallback(CallbackEvent.DmaDone, CallbackPriority.Immediate);
        context.RegisterCallback(CallbackEvent.SdpMessage, CallbackPriority.FirstQueued);
        context.ChargeCycles(500);
        context.SetTimer(periodMicroseconds, phaseMicroseconds);
    }

    public override void OnTimerTick(uint tick)
    {
        Fold(0x71C4, tick);
        var random = Next();
        _core.ChargeCycles((long)(random % 300));
        if (tick % 3 == 0)
        {
            _core.Send(key, (uint)random);
        }
        else
        {
            _core.Send(key);
        }

        if (tick % 5 == 0)
        {
            _buffer[tick % 16] = (uint)_state[0];
            _core.DmaWrite(_buffer, 0, 16, _dma, (int)(tick % 4) * 64, tick);
        }

        if (tick % 11 == 0)
        {
            _core.SendSdpToHost(1, [(byte)tick, (byte)(_state[0] >> 8)]);
        }

        _core.WriteSdram<ulong>(_trace, 0, _state);
        if (doneAfterTicks > 0 && tick >= doneAfterTicks)
        {
            _core.Done();
        }
    }

    public override void OnMulticastPacket(uint key)
    {
        Fold(key, 0);
        _core.ChargeCycles(20 + (key % 5 * 10));
    }

    public override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        Fold(key, payload);
        _core.ChargeCycles(200 + (payload % 400));
        if (payload % 4 == 0)
        {
            _core.TriggerUserEvent(key, payload);
        }
    }

    public override void OnUserEvent(uint argument0, uint argument1)
    {
        Fold(argument0 ^ 0x5EED, argument1);
        _core.ChargeCycles(150);
        if (argument1 % 8 == 0)
        {
            _core.Send(key ^ 0x8000_0000u);
        }
    }

    public override void OnDmaDone(uint tag) => Fold(0xD3A, tag);

    public override void OnSdpMessage(int port, ReadOnlySpan<byte> data)
    {
        Fold((uint)port, data.Length > 0 ? data[0] : 0u);
        _core.ChargeCycles(50);
    }

    private void Fold(uint a, uint b)
    {
        var h = _state[0] ^ (((ulong)a << 32) | b);
        h ^= (ulong)_core.Now;
        h *= 0x9E3779B97F4A7C15UL;
        _state[0] = h ^ (h >> 29);
    }

    private ulong Next()
    {
        var s = _state[1];
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        _state[1] = s;
        return s;
    }
}
