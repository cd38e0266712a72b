using System.Numerics;
using System.Runtime.CompilerServices;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// The state of one chip's router: its table (with a lookup memo), the queue of packets behind a blocked one, the dropped-packet register, the reinjector
/// queue and the counters.
/// </summary>
internal sealed class Router
{
    public const int NoRoute = -1;
    private const ulong MemoValid = 1UL << 31;
    private const ulong MemoNoMatch = 1UL << 30;
    private const int MinMemoSlots = 64;
    private const int MaxMemoSlots = 1 << 16;

    public readonly int Index;
    public readonly ChipCoordinate Chip;

    /// <summary>The loaded core of each processor, else null.</summary>
    public readonly CoreState?[] Cores = new CoreState?[Machine.Chip.ProcessorsPerChip];

    public readonly PacketFifo Fifo = new();

    /// <summary>The state every packet touches, in one place (see <see cref="RouterHot"/>).</summary>
    public RouterHot Hot;

    private uint[] _keys = [];
    private uint[] _masks = [];
    private uint[] _routes = [];
    private int _entryCount;
    private RouteIndex? _index;
    private ulong[] _memo = new ulong[MinMemoSlots];
    private int _memoShift = 32 - BitOperations.Log2(MinMemoSlots);
    private int _memoCount;

    public uint StallGeneration;

    public bool DumpFull;
    public Packet Dump;
    public Packet[] ReinjectionQueue = [];
    public int ReinjectionHead;
    public int ReinjectionCount;
    public bool ReinjectorActive;

    public long EmergencyRouted;
    public long Dropped;
    public long Reinjected;
    public long LostWithoutReinjector;
    public long LostSecondDrop;
    public long LostReinjectionQueueFull;

    public Router(int index, ChipCoordinate chip)
    {
        Index = index;
        Chip = chip;
    }

    public int EntryCount => _entryCount;

    /// <summary>Copies a table in; the memo starts empty because the entries changed.</summary>
    public void LoadTable(RoutingTable table)
    {
        _entryCount = table.Count;
        _keys = new uint[_entryCount];
        _masks = new uint[_entryCount];
        _routes = new uint[_entryCount];
        for (var i = 0; i < _entryCount; i++)
        {
            _keys[i] = table[i].Key;
            _masks[i] = table[i].Mask;
            _routes[i] = table[i].Route.Value;
        }

        _index = _entryCount > 8 ? new RouteIndex(_keys, _masks, _routes) : null;
        ResizeMemo(MinMemoSlots, keep: false);
    }

    /// <summary>
    /// The route word of the first entry matching <paramref name="key"/>, or
    /// <see cref="NoRoute"/>. An exact memo of every key this router has looked up (open
    /// addressing, never evicting until it holds <see cref="MaxMemoSlots"/> / 2 keys) sits in
    /// front of an exact first-match index (<see cref="RouteIndex"/>): a router sees the same
    /// few hundred keys again and again, so after the first packet of each key a lookup is one
    /// probe. Both are rebuilt whenever a table is loaded, so lookups always equal the ordered scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(uint key)
    {
        var memo = _memo;
        var i = (int)((key * 0x9E3779B1u) >> _memoShift);
        while (true)
        {
            var slot = memo[i];
            if ((slot & MemoValid) == 0)
            {
                return LookupSlow(key);
            }

            if ((uint)(slot >> 32) == key)
            {
                return (slot & MemoNoMatch) != 0 ? NoRoute : (int)(slot & RouteWord.ValidBits);
            }

            i = (i + 1) & (memo.Length - 1);
        }
    }

    /// <summary>The first match from the exact index (or the scan of a small table), without the memo.</summary>
    public int LookupUncached(uint key) => _index?.Lookup(key) ?? ScanTable(key);

    private int LookupSlow(uint key)
    {
        var route = LookupUncached(key);
        if (2 * (_memoCount + 1) > _memo.Length)
        {
            // Past the size limit the memo starts afresh rather than evicting: speed only.
            ResizeMemo(_memo.Length >= MaxMemoSlots ? MinMemoSlots : _memo.Length * 2, keep: _memo.Length < MaxMemoSlots);
        }

        var memo = _memo;
        var i = (int)((key * 0x9E3779B1u) >> _memoShift);
        while ((memo[i] & MemoValid) != 0)
        {
            i = (i + 1) & (memo.Length - 1);
        }

        memo[i] = ((ulong)key << 32) | MemoValid | (route < 0 ? MemoNoMatch : (uint)route);
        _memoCount++;
        return route;
    }

    private void ResizeMemo(int slots, bool keep)
    {
        var old = _memo;
        _memo = new ulong[slots];
        _memoShift = 32 - BitOperations.Log2((uint)slots);
        _memoCount = 0;
        if (!keep)
        {
            return;
        }

        foreach (var slot in old)
        {
            if ((slot & MemoValid) != 0)
            {
                var i = (int)(((uint)(slot >> 32) * 0x9E3779B1u) >> _memoShift);
                while ((_memo[i] & MemoValid) != 0)
                {
                    i = (i + 1) & (slots - 1);
                }

                _memo[i] = slot;
                _memoCount++;
            }
        }
    }

    /// <summary>The ordered first-match scan, for small tables (and as the definition the index must agree with).</summary>
    public int ScanTable(uint key)
    {
        var keys = _keys;
        var masks = _masks;
        for (var i = 0; i < keys.Length; i++)
        {
            if ((key & masks[i]) == keys[i])
            {
                return (int)_routes[i];
            }
        }

        return NoRoute;
    }
}
