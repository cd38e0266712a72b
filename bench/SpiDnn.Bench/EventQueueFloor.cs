using System.Diagnostics;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>The peer of the simulator benchmarks: the rate of the bare event queue on a similar load.</summary>
internal static class EventQueueFloor
{
    /// <summary>
    /// Events per host second for <paramref name="events"/> push/pop pairs with a working set
    /// of 4,096 pending events and times a few hundred nanoseconds ahead, as in a run.
    /// </summary>
    public static double Measure(long events)
    {
        events = Math.Clamp(events, 100_000, 50_000_000);
        var queue = new EventQueue();
        var random = new Random(1);
        for (var i = 0; i < 4096; i++)
        {
            queue.Push(random.Next(1_000_000), EventKind.LinkArrive, i, 0, 0, 0, 0);
        }

        var clock = Stopwatch.StartNew();
        for (long i = 0; i < events; i++)
        {
            queue.Pop(out var e);
            queue.Push(e.Time + 180_000 + (e.Target & 0xFFFF), EventKind.LinkArrive, e.Target, 0, 0, 0, 0);
        }

        clock.Stop();
        return events / clock.Elapsed.TotalSeconds;
    }
}
