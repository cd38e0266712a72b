using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// The route of every (key, router) pair looked up so far, in one array laid out key by key.
/// A packet crosses a dozen routers within a microsecond, and the routes of its key at all of
/// them share a few cache lines, so only its first hop finds them out of cache (a memo per
/// router missed the cache at every hop). A key gets a dense id the first time it is seen;
/// the id travels with the packet from hop to hop, so later hops do not even hash the key.
/// Entries are filled from the routers' exact lookups and forgotten when a table is loaded,
/// so a route here is always the ordered table's first match.
/// </summary>
internal sealed class KeyRoutes
{
    /// <summary>A route not looked up yet.</summary>
    public const int Unknown = int.MinValue;

    /// <summary>No id: the key came after the table was full (the caller uses the router's own memo).</summary>
    public const int NoId = -1;

    // Beyond this many routes in total (64 MB) new keys get no id.
    private const int MaxRoutes = 1 << 24;

    private readonly int _routers;
    private readonly int _maxKeys;
    private int[] _routes;
    private ulong[] _ids;
    private int _shift;
    private int _count;

    public KeyRoutes(int routers)
    {
        _routers = routers;
        _maxKeys = Math.Max(1, MaxRoutes / Math.Max(1, routers));
        _routes = [];
        _ids = [];
        Clear();
    }

    public int Count => _count;

    /// <summary>Forgets every key and route.</summary>
    public void Clear()
    {
        _ids = new ulong[256];
        _shift = 32 - BitOperations.Log2((uint)_ids.Length);
        _routes = new int[64 * _routers];
        Array.Fill(_routes, Unknown);
        _count = 0;
    }

    /// <summary>Forgets the routes of one router (its table changed).</summary>
    public void Forget(int router)
    {
        for (var i = 0; i < _count; i++)
        {
            _routes[(i * _routers) + router] = Unknown;
        }
    }

    /// <summary>The id of <paramref name="key"/>, given one now if it has none; <see cref="NoId"/> when the table is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IdOf(uint key)
    {
        var ids = _ids;
        var i = (int)((key * 0x9E3779B1u) >> _shift);
        while (true)
        {
            var slot = ids[i];
            if (slot == 0)
            {
                return Add(key);
            }

            if ((uint)(slot >> 32) == key)
            {
                return (int)(uint)slot - 1;
            }

            i = (i + 1) & (ids.Length - 1);
        }
    }

    /// <summary>The route slot of key <paramref name="id"/> at <paramref name="router"/> (<see cref="Unknown"/> until filled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int Route(int id, int router) => ref _routes[(id * _routers) + router];

    /// <summary>
    /// Starts loading every cache line of key <paramref name="id"/>'s routes: called when a
    /// packet enters the network, so the lines are in cache by the time its later hops, a
    /// link time apart, read them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchRoutes(int id)
    {
        ref var first = ref _routes[id * _routers];
        for (var offset = 0; offset < _routers; offset += 16)
        {
            Prefetch.Line(ref Unsafe.Add(ref first, offset));
        }
    }

    private int Add(uint key)
    {
        if (_count == _maxKeys)
        {
            return NoId;
        }

        if (2 * (_count + 1) > _ids.Length)
        {
            var old = _ids;
            _ids = new ulong[old.Length * 2];
            _shift--;
            foreach (var slot in old)
            {
                if (slot != 0)
                {
                    Place(slot);
                }
            }
        }

        if ((_count + 1) * _routers > _routes.Length)
        {
            var grown = new int[Math.Min(_routes.Length * 2, _maxKeys * _routers)];
            Array.Copy(_routes, grown, _count * _routers);
            Array.Fill(grown, Unknown, _count * _routers, grown.Length - (_count * _routers));
            _routes = grown;
        }

        var id = _count++;
        Place(((ulong)key << 32) | (uint)(id + 1));
        return id;
    }

    private void Place(ulong slot)
    {
        var i = (int)(((uint)(slot >> 32) * 0x9E3779B1u) >> _shift);
        while (_ids[i] != 0)
        {
            i = (i + 1) & (_ids.Length - 1);
        }

        _ids[i] = slot;
    }
}
