using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// The pending events, ordered by (time, scheduling order) so that events at the same time
/// come out in the order they were scheduled and every run is a pure function of its inputs.
/// A calendar queue: a wheel of 16,384 buckets of 8,192 ps covers the next ~134 us, where
/// every router and core event and the ticks of timers up to that period land, in O(1) (a
/// heap pop for each tick of 816 timers cost about a sixth of the run time with a shorter wheel);
/// each bucket is a list kept in (time, scheduling) order; a bitmap finds the next non-empty
/// bucket. Events further ahead (slow timers, host messages) wait in a 4-ary heap; a pop
/// takes whichever of the wheel's first event and the heap's minimum comes first.
/// </summary>
/// <remarks>
/// No event carries a sequence number on the wheel: a new event is the latest scheduled, so
/// it goes after every event of its bucket with a time not later than its own, and the
/// position in the list is the scheduling order. Between the wheel and the heap, an event at
/// time T is put in the heap only while T is beyond the horizon of the last popped time; that
/// time never decreases, so every heap event at T was scheduled before every wheel event at T,
/// and a tie goes to the heap. Only the heap needs a sequence, for ties among its own events.
/// </remarks>
internal sealed class EventQueue
{
    private const int BucketShift = 13;
    private const int WheelBits = 14;
    private const int WheelSize = 1 << WheelBits;
    private const int WheelMask = WheelSize - 1;
    private const long Horizon = (long)WheelSize << BucketShift;
    private const int Nil = -1;

    private readonly Bucket[] _buckets = new Bucket[WheelSize];

    private struct Bucket
    {
        public int Head;
        public int Tail;
        public long TailTime;
    }
    private readonly ulong[] _occupied = new ulong[WheelSize / 64];
    private readonly EventHeap _far = new();
    private Event[] _nodes = new Event[4096];
    private int _free;
    private int _used;
    private int _wheelCount;
    private long _farSequence;

    // The earliest time in the far heap, long.MaxValue when it is empty.
    private long _farMin;

    // The wheel holds times in [_base, _base + Horizon); _base is bucket-aligned and never decreases.
    private long _base;

    public EventQueue() => Clear();

    public int Count => _wheelCount + _far.Count;

    public void Clear()
    {
        Array.Fill(_buckets, new Bucket { Head = Nil, Tail = Nil });
        Array.Clear(_occupied);
        _far.Clear();
        _farMin = long.MaxValue;
        _free = Nil;
        _used = 0;
        _wheelCount = 0;
        _farSequence = 0;
        _base = 0;
    }

    /// <summary>Schedules an event; <paramref name="time"/> must not be before the last popped event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(long time, EventKind kind, int target, byte flags, byte ports, uint key, uint payload, int keyId = KeyRoutes.NoId)
    {
        var node = Allocate();
        var nodes = _nodes;
        ref var e = ref nodes[node];
        e.Time = time;
        e.Kind = kind;
        e.Target = target;
        e.Flags = flags;
        e.Ports = ports;
        e.Key = key;
        e.Payload = payload;
        e.KeyId = keyId;
        if (time - _base >= Horizon)
        {
            PushFar(time, node);
            return;
        }

        var bucket = (int)(time >> BucketShift) & WheelMask;
        _wheelCount++;
        ref var b = ref _buckets[bucket];
        var tail = b.Tail;
        if (tail == Nil)
        {
            e.Next = Nil;
            b.Head = node;
            b.Tail = node;
            b.TailTime = time;
            _occupied[bucket >> 6] |= 1UL << bucket;
        }
        else if (b.TailTime <= time)
        {
            e.Next = Nil;
            nodes[tail].Next = node;
            b.Tail = node;
            b.TailTime = time;
        }
        else
        {
            InsertBeforeLater(bucket, node, time);
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
    /// <paramref name="end"/>; false (nothing removed) otherwise.
    /// </summary>
    public bool TryPop(long end, out Event first)
    {
        var node = TryTake(end);
        if (node == Nil)
        {
            first = default;
            return false;
        }

        first = _nodes[node];
        Release(node);
        return true;
    }

    /// <summary>
    /// Takes the earliest event off the queue when there is one before <paramref name="end"/>
    /// and returns its node (-1 otherwise). Read the event in place with <see cref="Node"/>
    /// (a copy of the 32-byte struct would be read back field by field, defeating the
    /// processor's store forwarding), then hand the node back with <see cref="Release"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryTake(long end)
    {
        if (_wheelCount > 0)
        {
            var bucket = NextBucket();
            ref var b = ref _buckets[bucket];
            var node = b.Head;
            ref var e = ref _nodes[node];
            var time = e.Time;
            if (_farMin > time)
            {
                if (time >= end)
                {
                    return Nil;
                }

                var next = e.Next;
                b.Head = next;
                if (next == Nil)
                {
                    b.Tail = Nil;
                    _occupied[bucket >> 6] &= ~(1UL << bucket);
                }

                _wheelCount--;
                _base = time & ~((1L << BucketShift) - 1);
                return node;
            }
        }

        return TryTakeFar(end);
    }

    /// <summary>The event stored in <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Event Node(int node) => ref _nodes[node];

    /// <summary>Returns a taken node for reuse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(int node)
    {
        _nodes[node].Next = _free;
        _free = node;
    }

    private int TryTakeFar(long end)
    {
        if (_farMin >= end)
        {
            return Nil;
        }

        var node = _far.Pop();
        _farMin = _far.Count > 0 ? _far.PeekTime : long.MaxValue;
        _base = _nodes[node].Time & ~((1L << BucketShift) - 1);
        return node;
    }

    private void PushFar(long time, int node)
    {
        _far.Push(time, _farSequence++, node);
        if (time < _farMin)
        {
            _farMin = time;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Allocate()
    {
        var node = _free;
        if (node != Nil)
        {
            _free = _nodes[node].Next;
            return node;
        }

        if (_used == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        return _used++;
    }

    /// <summary>Rare: an event joins a bucket that already holds later ones; it goes after every event not later than it.</summary>
    private void InsertBeforeLater(int bucket, int node, long time)
    {
        var nodes = _nodes;
        var previous = Nil;
        var cursor = _buckets[bucket].Head;
        while (cursor != Nil && nodes[cursor].Time <= time)
        {
            previous = cursor;
            cursor = nodes[cursor].Next;
        }

        nodes[node].Next = cursor;
        if (previous == Nil)
        {
            _buckets[bucket].Head = node;
        }
        else
        {
            nodes[previous].Next = node;
        }
    }

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
