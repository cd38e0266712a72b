using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// The far-future part of the <see cref="EventQueue"/>: a 4-ary min-heap of
/// <see cref="Event"/> structs ordered by (time, insertion sequence).
/// </summary>
internal sealed class EventHeap
{
    private Event[] _heap = new Event[4096];
    private int _count;

    public int Count => _count;

    public long PeekTime => _heap[0].Time;

    public ref Event Min => ref _heap[0];

    public void Clear()
    {
        _count = 0;
    }

    /// <summary>Adds an event that already has its sequence number.</summary>
    public void Push(in Event item)
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
            if (LessThan(ref heap[parent], in item))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = item;
    }

    /// <summary>Removes the earliest event into <paramref name="first"/>.</summary>
    public void Pop(out Event first)
    {
        var heap = _heap;
        first = heap[0];
        var n = --_count;
        if (n == 0)
        {
            return;
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(ref Event a, ref Event b) => a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LessThan(ref Event a, in Event b) => a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);
}
