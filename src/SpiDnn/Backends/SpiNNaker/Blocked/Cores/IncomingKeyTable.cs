using SpiNNaker.Toolchain.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// The partitions a core receives, in DTCM, sorted by base key: a packet's key is found by
/// binary search (as SpiNNaker software looks up its population table), then split into
/// slot and index, and the index mapped to the core's local position.
/// </summary>
internal sealed class IncomingKeyTable
{
    private readonly uint[] _base;
    private readonly uint[] _span;
    private readonly byte[] _bits;
    private readonly byte[] _slotted;
    private readonly byte[] _kind;
    private readonly int[] _mapStart;
    private readonly ushort[] _map;
    private readonly bool[] _identity;

    private IncomingKeyTable(ICoreContext context, int entries, int mapLength)
    {
        _base = context.AllocateDtcm<uint>(entries);
        _span = context.AllocateDtcm<uint>(entries);
        _bits = context.AllocateDtcm<byte>(entries);
        _slotted = context.AllocateDtcm<byte>(entries);
        _kind = context.AllocateDtcm<byte>(entries);
        _mapStart = context.AllocateDtcm<int>(entries);
        _identity = context.AllocateDtcm<bool>(entries);
        _map = context.AllocateDtcm<ushort>(mapLength);
        SearchCycles = HandlerCosts.PacketDecode + (HandlerCosts.SearchStep * (int)Math.Ceiling(Math.Log2(entries + 1)));
    }

    /// <summary>The cycles of one lookup (decode plus the binary search's steps).</summary>
    public int SearchCycles { get; }

    /// <summary>
    /// Reads the table the host wrote with <see cref="IncomingPartition.Write"/> (a count, then
    /// the entries), sorted by base key. <paramref name="slots"/> is the pipeline depth.
    /// </summary>
    public static IncomingKeyTable Read(ref DataRegionReader reader, ICoreContext context, int slots)
    {
        var count = reader.Int();
        var entries = new (uint Base, int Bits, bool Slotted, FlowKind Kind, int[] Map)[count];
        var mapLength = 0;
        for (var i = 0; i < count; i++)
        {
            var baseKey = reader.UInt();
            var bits = reader.Int();
            var slotted = reader.Int() != 0;
            var kind = (FlowKind)reader.Int();
            var mapCount = reader.Int();
            var map = new int[mapCount];
            for (var j = 0; j < mapCount; j++)
            {
                map[j] = reader.Int();
            }

            entries[i] = (baseKey, bits, slotted, kind, map);
            mapLength += mapCount;
        }

        Array.Sort(entries, (a, b) => a.Base.CompareTo(b.Base));
        var table = new IncomingKeyTable(context, count, mapLength);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            table._base[i] = e.Base;
            table._span[i] = (uint)((e.Slotted ? slots : 1) << e.Bits);
            table._bits[i] = (byte)e.Bits;
            table._slotted[i] = e.Slotted ? (byte)1 : (byte)0;
            table._kind[i] = (byte)e.Kind;
            table._mapStart[i] = at;
            table._identity[i] = e.Map.Length == 0;
            foreach (var local in e.Map)
            {
                table._map[at++] = checked((ushort)local);
            }
        }

        return table;
    }

    /// <summary>
    /// Finds the partition of <paramref name="key"/>: its kind, the slot and the local
    /// position; false when no incoming partition holds the key (a routing error).
    /// </summary>
    public bool TryDecode(uint key, out FlowKind kind, out int slot, out int local)
    {
        int lo = 0, hi = _base.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (_base[mid] <= key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        var entry = hi;
        if (entry < 0 || key - _base[entry] >= _span[entry])
        {
            kind = default;
            slot = local = -1;
            return false;
        }

        var offset = key - _base[entry];
        var bits = _bits[entry];
        var index = (int)(offset & ((1u << bits) - 1));
        slot = _slotted[entry] != 0 ? (int)(offset >> bits) : 0;
        local = _identity[entry] ? index : _map[_mapStart[entry] + index];
        kind = (FlowKind)_kind[entry];
        return true;
    }
}
