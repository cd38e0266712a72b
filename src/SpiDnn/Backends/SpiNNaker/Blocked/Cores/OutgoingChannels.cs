using SpiNNaker.Toolchain.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// The partitions a core sends on, in DTCM: key block, the local positions of the values it
/// sends in index order, and the TDMA pacing of each (section 8 of the design). A paced send
/// waits (spinning, charged) for the sender's next slot of that partition on the global clock.
/// </summary>
internal sealed class OutgoingChannels
{
    private readonly uint[] _base;
    private readonly byte[] _bits;
    private readonly byte[] _slotted;
    private readonly byte[] _kind;
    private readonly long[] _period;
    private readonly long[] _phase;
    private readonly long[] _window;
    private readonly long[] _nextFree;
    private readonly int[] _sourceStart;
    private readonly int[] _sourceCount;
    private readonly ushort[] _sources;
    private readonly long _cyclePicoseconds;

    private OutgoingChannels(ICoreContext context, int entries, int sourceLength)
    {
        _base = context.AllocateDtcm<uint>(entries);
        _bits = context.AllocateDtcm<byte>(entries);
        _slotted = context.AllocateDtcm<byte>(entries);
        _kind = context.AllocateDtcm<byte>(entries);
        _period = context.AllocateDtcm<long>(entries);
        _phase = context.AllocateDtcm<long>(entries);
        _window = context.AllocateDtcm<long>(entries);
        _nextFree = context.AllocateDtcm<long>(entries);
        _sourceStart = context.AllocateDtcm<int>(entries);
        _sourceCount = context.AllocateDtcm<int>(entries);
        _sources = context.AllocateDtcm<ushort>(sourceLength);
        _cyclePicoseconds = context.Cost.CoreCyclePicoseconds;
    }

    /// <summary>The number of partitions.</summary>
    public int Count => _base.Length;

    /// <summary>The cycles spent waiting for TDMA slots.</summary>
    public long WaitCycles { get; private set; }

    /// <summary>Sends refused because the core's send queue was full (retried later).</summary>
    public long Refused { get; private set; }

    /// <summary>Reads what <see cref="OutgoingPartition.Write"/> wrote (a count, then the entries).</summary>
    public static OutgoingChannels Read(ref DataRegionReader reader, ICoreContext context)
    {
        var count = reader.Int();
        var entries = new (uint Base, int Bits, bool Slotted, FlowKind Kind, long Period, long Phase, long Window, int Count, int[] Sources)[count];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var baseKey = reader.UInt();
            var bits = reader.Int();
            var slotted = reader.Int() != 0;
            var kind = (FlowKind)reader.Int();
            var period = reader.Long();
            var phase = reader.Long();
            var window = reader.Long();
            var n = reader.Int();
            var identity = reader.Int() != 0;
            var sources = new int[identity ? 0 : n];
            for (var j = 0; j < sources.Length; j++)
            {
                sources[j] = reader.Int();
            }

            entries[i] = (baseKey, bits, slotted, kind, period, phase, window, n, sources);
            length += sources.Length;
        }

        var channels = new OutgoingChannels(context, count, length);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            channels._base[i] = e.Base;
            channels._bits[i] = (byte)e.Bits;
            channels._slotted[i] = e.Slotted ? (byte)1 : (byte)0;
            channels._kind[i] = (byte)e.Kind;
            channels._period[i] = e.Period;
            channels._phase[i] = e.Phase;
            channels._window[i] = e.Window;
            channels._sourceStart[i] = e.Sources.Length == 0 ? -1 : at;
            channels._sourceCount[i] = e.Count;
            foreach (var s in e.Sources)
            {
                channels._sources[at++] = checked((ushort)s);
            }
        }

        return channels;
    }

    /// <summary>The last channel that carries <paramref name="kind"/> (a core sends its partial sums and its credits on one each), or -1.</summary>
    public int ChannelOf(FlowKind kind)
    {
        for (var c = _kind.Length - 1; c >= 0; c--)
        {
            if ((FlowKind)_kind[c] == kind)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>What partition <paramref name="channel"/> carries.</summary>
    public FlowKind KindOf(int channel) => (FlowKind)_kind[channel];

    /// <summary>The number of values partition <paramref name="channel"/> sends per example.</summary>
    public int SourceCount(int channel) => _sourceCount[channel];

    /// <summary>The local position of the value with index <paramref name="index"/> of <paramref name="channel"/>.</summary>
    public int Source(int channel, int index) => _sourceStart[channel] < 0 ? index : _sources[_sourceStart[channel] + index];

    /// <summary>Picoseconds until a packet on <paramref name="channel"/> may leave (0: now).</summary>
    public long TimeToSlot(ICoreContext context, int channel)
    {
        var period = _period[channel];
        var now = context.Now;
        if (period == 0 || OpenSlot(channel, now) >= 0)
        {
            return 0;
        }

        var earliest = Math.Max(now, _nextFree[channel]);
        var phase = _phase[channel];
        return phase + (CeilDiv(earliest - phase, period) * period) - now;
    }

    /// <summary>
    /// Sends index <paramref name="index"/> of slot <paramref name="slot"/> on
    /// <paramref name="channel"/> with <paramref name="payload"/>: at once when the channel's
    /// TDMA window is open, else after waiting (spinning, charged) for its next slot. False
    /// when the core's send queue is full (spin1's <c>send_mc_packet</c> failing): the caller
    /// tries again in a later callback, when the router has taken some.
    /// </summary>
    public bool Send(ICoreContext context, int channel, int slot, int index, uint payload)
    {
        var period = _period[channel];
        if (period > 0)
        {
            context.ChargeCycles(HandlerCosts.SlotArithmetic);
            var now = context.Now;
            var slotTime = OpenSlot(channel, now);
            if (slotTime < 0)
            {
                // The first slot start at or after the earliest allowed time.
                var earliest = Math.Max(now, _nextFree[channel]);
                var phase = _phase[channel];
                slotTime = phase + (CeilDiv(earliest - phase, period) * period);
                var wait = (slotTime - now + _cyclePicoseconds - 1) / _cyclePicoseconds;
                context.ChargeCycles(wait);
                WaitCycles += wait;
            }

            var key = _base[channel] + ((_slotted[channel] != 0 ? (uint)slot : 0u) << _bits[channel]) + (uint)index;
            if (!context.Send(key, payload))
            {
                Refused++;
                return false;
            }

            _nextFree[channel] = slotTime + period;
            return true;
        }

        if (!context.Send(_base[channel] + ((_slotted[channel] != 0 ? (uint)slot : 0u) << _bits[channel]) + (uint)index, payload))
        {
            Refused++;
            return false;
        }

        return true;
    }

    /// <summary>The start of the window <paramref name="now"/> is in, when that window is this channel's and not yet used; else -1.</summary>
    private long OpenSlot(int channel, long now)
    {
        var period = _period[channel];
        var phase = _phase[channel];
        var start = phase + (FloorDiv(now - phase, period) * period);
        return start >= _nextFree[channel] && now - start < _window[channel] ? start : -1;
    }

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -((-a) / b);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
