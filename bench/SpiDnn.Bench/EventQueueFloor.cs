using System.Diagnostics;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>The peer of the simulator benchmarks: the rate of the bare event queue on a similar load.</summary>
internal static class EventQueueFloor
{
    /// <summary>
    /// Events per host second for <paramref name="events"/> pop/push pairs where each event
    /// schedules one more a link hop (~180 ns) ahead, 256 pending: the shape of a packet
    /// crossing the network, with no work done per event.
    /// </summary>
    public static double Measure(long events)
    {
        events = Math.Clamp(events, 100_000, 50_000_000);
        var queue = new EventQueue();
        for (var i = 0; i < 256; i++)
        {
            queue.Push(i * 700, EventKind.LinkArrive, i, 0, 0, 0, 0);
        }

        var clock = Stopwatch.StartNew();
        for (long i = 0; i < events; i++)
        {
            queue.Pop(out var e);
            queue.Push(e.Time + 180_000 + (e.Target * 13), EventKind.LinkArrive, e.Target, 0, 0, 0, 0);
        }

        clock.Stop();
        return events / clock.Elapsed.TotalSeconds;
    }
}
