using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// The far-future part of the <see cref="EventQueue"/>: a 4-ary min-heap of small entries
/// (time, scheduling sequence, node of the event's data) ordered by (time, sequence).
/// </summary>
internal sealed class EventHeap
{
    private Entry[] _heap = new Entry[1024];
    private int _count;

    public int Count => _count;

    /// <summary>The earliest time held (the heap must not be empty).</summary>
    public long PeekTime => _heap[0].Time;

    public void Clear() => _count = 0;

    public void Push(long time, long sequence, int node)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var heap = _heap;
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            ref var p = ref heap[parent];
            if (p.Time < time || (p.Time == time && p.Sequence < sequence))
            {
                break;
            }

            heap[i] = p;
            i = parent;
        }

        heap[i] = new Entry { Time = time, Sequence = sequence, Node = node };
    }

    /// <summary>Removes the earliest entry and returns its node (the heap must not be empty).</summary>
    public int Pop()
    {
        var heap = _heap;
        var first = heap[0].Node;
        var n = --_count;
        if (n == 0)
        {
            return first;
        }

        var last = heap[n];
        var i = 0;
        while (true)
        {
            var child = (i << 2) + 1;
            if (child >= n)
            {
                break;
            }

            // The smallest of up to four children.
            var best = child;
            var end = Math.Min(child + 4, n);
            for (var c = child + 1; c < end; c++)
            {
                if (Less(ref heap[c], ref heap[best]))
                {
                    best = c;
                }
            }

            if (!Less(ref heap[best], ref last))
            {
                break;
            }

            heap[i] = heap[best];
            i = best;
        }

        heap[i] = last;
        return first;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(ref Entry a, ref Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);

    private struct Entry
    {
        public long Time;
        public long Sequence;
        public int Node;
    }
}
