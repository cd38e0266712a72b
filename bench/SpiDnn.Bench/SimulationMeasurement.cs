using System.Diagnostics;
using System.Globalization;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>Host-side cost of one simulation run: wall time, allocations and collections around it.</summary>
internal sealed class SimulationMeasurement
{
    private readonly Stopwatch _clock = new();
    private TimeSpan _cpu;
    private long _allocated;
    private int _gen0;
    private int _gen1;
    private int _gen2;

    public double HostSeconds => _clock.Elapsed.TotalSeconds;

    /// <summary>Processor time the process used during the run (less sensitive than wall time to other load on the machine).</summary>
    public double CpuSeconds { get; private set; }

    public long AllocatedBytes { get; private set; }

    public int Gen0Collections { get; private set; }

    public int Gen1Collections { get; private set; }

    public int Gen2Collections { get; private set; }

    public void Start()
    {
        _allocated = GC.GetAllocatedBytesForCurrentThread();
        _gen0 = GC.CollectionCount(0);
        _gen1 = GC.CollectionCount(1);
        _gen2 = GC.CollectionCount(2);
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _clock.Restart();
    }

    public void Stop()
    {
        _clock.Stop();
        CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds;
        AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _allocated;
        Gen0Collections = GC.CollectionCount(0) - _gen0;
        Gen1Collections = GC.CollectionCount(1) - _gen1;
        Gen2Collections = GC.CollectionCount(2) - _gen2;
    }

    /// <summary>The common figures of a simulator benchmark, as text lines and as JSON fields.</summary>
    public static (string Text, string Json) Report(SimulationStatistics before, SimulationStatistics after, SimulationMeasurement m)
    {
        var deliveries = after.Totals.PacketsReceived - before.Totals.PacketsReceived;
        var events = after.EventsProcessed - before.EventsProcessed;
        var simulated = after.SimulatedSeconds - before.SimulatedSeconds;
        var dropped = after.Totals.Dropped - before.Totals.Dropped;
        var lost = after.Totals.Lost - before.Totals.Lost;
        var seconds = m.HostSeconds;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"""
              host time                         {seconds:F3} s wall, {m.CpuSeconds:F3} s processor ({deliveries / m.CpuSeconds / 1e6:F2} M deliveries per processor second)
              simulated time                    {simulated * 1e3:F3} ms
              packet deliveries                 {deliveries:N0}  ({deliveries / seconds / 1e6:F2} M per host second)
              events                            {events:N0}  ({events / seconds / 1e6:F2} M per host second)
              simulated seconds per host second {simulated / seconds:F6}
              packets dropped / lost            {dropped:N0} / {lost:N0}
              link packets                      {after.Totals.LinkPackets - before.Totals.LinkPackets:N0}
              allocated during the run          {m.AllocatedBytes:N0} bytes ({(events == 0 ? 0 : m.AllocatedBytes / (double)events):F4} per event)
              GC collections gen0/gen1/gen2     {m.Gen0Collections}/{m.Gen1Collections}/{m.Gen2Collections}
              energy (simulated machine)        {after.Energy.TotalJoules - before.Energy.TotalJoules:E3} J
            """);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"\"host_seconds\":{seconds:F4},\"cpu_seconds\":{m.CpuSeconds:F4},\"simulated_seconds\":{simulated:E6},\"deliveries\":{deliveries},\"events\":{events}," +
            $"\"deliveries_per_host_second\":{deliveries / seconds:F0},\"events_per_host_second\":{events / seconds:F0}," +
            $"\"simulated_seconds_per_host_second\":{simulated / seconds:E6},\"packets_dropped\":{dropped},\"packets_lost\":{lost}," +
            $"\"allocated_bytes\":{m.AllocatedBytes},\"gen0_collections\":{m.Gen0Collections},\"gen1_collections\":{m.Gen1Collections},\"gen2_collections\":{m.Gen2Collections}");
        return (text, json);
    }
}
