using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// The pending events, ordered by (time, insertion sequence) so that events at the same time
/// come out in the order they were scheduled and every run is a pure function of its inputs.
/// A calendar queue: a wheel of 8,192 buckets of 1,024 ps covers the next ~8.4 us (almost
/// every event a router or core schedules lands there, in O(1)); each bucket is a list kept
/// in (time, sequence) order; a bitmap finds the next non-empty bucket. Events further ahead
/// (timer ticks, host messages) wait in a 4-ary heap; a pop takes whichever of the wheel's
/// first event and the heap's minimum comes first.
/// </summary>
internal sealed class EventQueue
{
    private const int BucketShift = 10;
    private const int WheelBits = 13;
    private const int WheelSize = 1 << WheelBits;
    private const int WheelMask = WheelSize - 1;
    private const long Horizon = (long)WheelSize << BucketShift;
    private const int Nil = -1;

    private readonly int[] _head = new int[WheelSize];
    private readonly int[] _tail = new int[WheelSize];
    private readonly long[] _tailTime = new long[WheelSize];
    private readonly ulong[] _occupied = new ulong[WheelSize / 64];
    private readonly EventHeap _far = new();
    private Event[] _nodes = new Event[8192];
    private int[] _next = new int[8192];
    private int _free;
    private int _used;
    private int _wheelCount;
    private long _sequence;

    // The wheel holds times in [_base, _base + Horizon); _base is bucket-aligned.
    private long _base;

    public EventQueue() => Clear();

    public int Count => _wheelCount + _far.Count;

    public void Clear()
    {
        Array.Fill(_head, Nil);
        Array.Fill(_tail, Nil);
        Array.Clear(_occupied);
        _far.Clear();
        _free = Nil;
        _used = 0;
        _wheelCount = 0;
        _sequence = 0;
        _base = 0;
    }

    /// <summary>Schedules an event; <paramref name="time"/> must not be before the last popped event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(long time, EventKind kind, int target, byte flags, byte ports, uint key, uint payload)
    {
        var sequence = _sequence++;
        if (time - _base >= Horizon)
        {
            _far.Push(new Event { Time = time, Sequence = sequence, Kind = kind, Target = target, Flags = flags, Ports = ports, Key = key, Payload = payload });
            return;
        }

        var node = Allocate();
        ref var e = ref _nodes[node];
        e.Time = time;
        e.Sequence = sequence;
        e.Kind = kind;
        e.Target = target;
        e.Flags = flags;
        e.Ports = ports;
        e.Key = key;
        e.Payload = payload;

        // The newest event goes after every event of its bucket with a time not later than
        // its own: usually the tail, found without touching any other node.
        var bucket = (int)(time >> BucketShift) & WheelMask;
        _wheelCount++;
        var tail = _tail[bucket];
        if (tail == Nil)
        {
            _next[node] = Nil;
            _head[bucket] = node;
            _tail[bucket] = node;
            _tailTime[bucket] = time;
            _occupied[bucket >> 6] |= 1UL << bucket;
        }
        else if (_tailTime[bucket] <= time)
        {
            _next[node] = Nil;
            _next[tail] = node;
            _tail[bucket] = node;
            _tailTime[bucket] = time;
        }
        else
        {
            _wheelCount--;
            Link(node, time);
        }
    }

    /// <summary>Removes the earliest event into <paramref name="first"/>; the queue must not be empty.</summary>
    public void Pop(out Event first)
    {
        if (!TryPop(long.MaxValue, out first))
        {
            throw new InvalidOperationException("the event queue is empty");
        }
    }

    /// <summary>
    /// Removes the earliest event into <paramref name="first"/> when there is one before
    /// <paramref name="end"/>; false (nothing removed) otherwise. The earliest event is the
    /// first of the wheel's first non-empty bucket or the far heap's minimum, whichever comes
    /// first: far events stay in the heap (no migration into cold buckets).
    /// </summary>
    public bool TryPop(long end, out Event first)
    {
        var node = Nil;
        var bucket = 0;
        if (_wheelCount > 0)
        {
            bucket = NextBucket();
            node = _head[bucket];
        }

        if (_far.Count > 0 && (node == Nil || FarComesFirst(ref _far.Min, ref _nodes[node])))
        {
            if (_far.PeekTime >= end)
            {
                first = default;
                return false;
            }

            _far.Pop(out first);
            _base = first.Time & ~((1L << BucketShift) - 1);
            return true;
        }

        if (node == Nil || _nodes[node].Time >= end)
        {
            first = default;
            return false;
        }

        first = _nodes[node];
        var next = _next[node];
        _head[bucket] = next;
        if (next == Nil)
        {
            _tail[bucket] = Nil;
            _occupied[bucket >> 6] &= ~(1UL << bucket);
        }

        _next[node] = _free;
        _free = node;
        _wheelCount--;
        _base = first.Time & ~((1L << BucketShift) - 1);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FarComesFirst(ref Event far, ref Event near) =>
        far.Time < near.Time || (far.Time == near.Time && far.Sequence < near.Sequence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Allocate()
    {
        var node = _free;
        if (node != Nil)
        {
            _free = _next[node];
            return node;
        }

        if (_used == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
            Array.Resize(ref _next, _next.Length * 2);
        }

        return _used++;
    }

    /// <summary>Puts a node into its bucket after every event that comes before it.</summary>
    private void Link(int node, long time)
    {
        var bucket = (int)(time >> BucketShift) & WheelMask;
        var nodes = _nodes;
        var next = _next;
        _wheelCount++;
        var tail = _tail[bucket];
        if (tail == Nil)
        {
            next[node] = Nil;
            _head[bucket] = node;
            _tail[bucket] = node;
            _tailTime[bucket] = time;
            _occupied[bucket >> 6] |= 1UL << bucket;
            return;
        }

        var sequence = nodes[node].Sequence;
        if (Before(ref nodes[tail], time, sequence))
        {
            next[node] = Nil;
            next[tail] = node;
            _tail[bucket] = node;
            _tailTime[bucket] = time;
            return;
        }

        // Rare: an earlier event joins a bucket that already holds later ones.
        var previous = Nil;
        var cursor = _head[bucket];
        while (cursor != Nil && Before(ref nodes[cursor], time, sequence))
        {
            previous = cursor;
            cursor = next[cursor];
        }

        next[node] = cursor;
        if (previous == Nil)
        {
            _head[bucket] = node;
        }
        else
        {
            next[previous] = node;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(ref Event e, long time, long sequence) => e.Time < time || (e.Time == time && e.Sequence < sequence);

    /// <summary>The first non-empty bucket from the one holding <see cref="_base"/>, going round the wheel once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextBucket()
    {
        var start = (int)(_base >> BucketShift) & WheelMask;
        var word = start >> 6;
        var bits = _occupied[word] & (ulong.MaxValue << start);
        if (bits != 0)
        {
            return (word << 6) + BitOperations.TrailingZeroCount(bits);
        }

        return NextBucketSlow(word);
    }

    private int NextBucketSlow(int word)
    {
        const int words = WheelSize / 64;
        var occupied = _occupied;
        for (var i = 1; i <= words; i++)
        {
            var w = (word + i) & (words - 1);
            var bits = occupied[w];
            if (bits != 0)
            {
                return (w << 6) + BitOperations.TrailingZeroCount(bits);
            }
        }

        throw new InvalidOperationException("the event wheel is empty");
    }
}
