using System.Numerics;
using System.Runtime.CompilerServices;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// The state of one chip's router: its table (with a lookup cache), the queue of packets behind a blocked one, the dropped-packet register, the reinjector
/// queue and the counters.
/// </summary>
internal sealed class Router
{
    public const int NoRoute = -1;
    private const ulong CacheValid = 1UL << 31;
    private const ulong CacheNoMatch = 1UL << 30;
    private const int MaxCacheSlots = 2048;

    public readonly int Index;
    public readonly ChipCoordinate Chip;

    /// <summary>Core slot of each processor (chip index x 18 + p) when an application is loaded there, else -1.</summary>
    public readonly int[] CoreAt = new int[Machine.Chip.ProcessorsPerChip];

    /// <summary>Bit p: processor p has an application loaded (only such cores take packets).</summary>
    public uint CoresLoaded;

    /// <summary>Bit p: processor p's communications controller holds a packet it has not taken yet.</summary>
    public uint CoresHolding;

    public readonly PacketFifo Fifo = new();

    private uint[] _keys = [];
    private uint[] _masks = [];
    private uint[] _routes = [];
    private int _entryCount;
    private RouteIndex? _index;
    private ulong[]? _cache;
    private int _cacheShift;

    public bool Stalled;
    public byte StallPhase;
    public uint StallGeneration;
    public bool RetryScheduled;

    public bool DumpFull;
    public Packet Dump;
    public Packet[] ReinjectionQueue = [];
    public int ReinjectionHead;
    public int ReinjectionCount;
    public bool ReinjectorActive;

    public long Routed;
    public long DefaultRouted;
    public long EmergencyRouted;
    public long Dropped;
    public long Reinjected;
    public long LostNoRoute;
    public long LostWithoutReinjector;
    public long LostSecondDrop;
    public long LostReinjectionQueueFull;
    public long Traversals40;
    public long Traversals72;

    public Router(int index, ChipCoordinate chip)
    {
        Index = index;
        Chip = chip;
        Array.Fill(CoreAt, -1);
    }

    public int EntryCount => _entryCount;

    /// <summary>Copies a table in; the cache starts empty because the entries changed.</summary>
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
        _cache = null;
    }

    /// <summary>
    /// The route word of the first entry matching <paramref name="key"/>, or
    /// <see cref="NoRoute"/>. A direct-mapped cache of key -> result sits in front of an
    /// exact first-match index (<see cref="RouteIndex"/>); both are rebuilt whenever a table
    /// is loaded, so lookups always equal the ordered scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(uint key)
    {
        var cache = _cache;
        if (cache is not null)
        {
            var c = cache[(int)((key * 0x9E3779B1u) >> _cacheShift)];
            if ((uint)(c >> 32) == key && (c & CacheValid) != 0)
            {
                return (c & CacheNoMatch) != 0 ? NoRoute : (int)(c & RouteWord.ValidBits);
            }
        }

        return LookupSlow(key);
    }

    private int LookupSlow(uint key)
    {
        var route = _index?.Lookup(key) ?? ScanTable(key);

        if (_cache is null)
        {
            var slots = (int)Math.Min(MaxCacheSlots, BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, 2 * _entryCount)));
            _cache = new ulong[slots];
            _cacheShift = 32 - BitOperations.Log2((uint)slots);
        }

        _cache[(int)((key * 0x9E3779B1u) >> _cacheShift)] =
            ((ulong)key << 32) | CacheValid | (route < 0 ? CacheNoMatch : (uint)route);
        return route;
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
