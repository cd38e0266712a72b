using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpiNNaker.Simulator.Tests.Golden;

/// <summary>
/// What one golden scenario produced, as canonical text: the outcome of every run, the
/// readable headline figures (time, events, totals, energy to the last bit, every router's
/// counters) and SHA-256 digests of everything else (every link, every core, every SDRAM
/// region's bytes, every message the host received and when).
/// </summary>
internal sealed class GoldenRun(Simulation simulation)
{
    private readonly List<string> _outcomes = [];
    private readonly StringBuilder _host = new();

    public void Record(RunOutcome outcome) => _outcomes.Add($"{outcome} at {simulation.Now}");

    public void Host(SdpMessage message) =>
        _host.Append(CultureInfo.InvariantCulture, $"{message.Core} {message.Port} {message.SentAt} {message.ArrivedAt} {Convert.ToHexString([.. message.Data])}\n");

    /// <summary>The canonical text; equal texts mean the same run, bit for bit.</summary>
    public string Describe()
    {
        var stats = simulation.GetStatistics();
        var text = new StringBuilder();
        foreach (var outcome in _outcomes)
        {
            text.Append(CultureInfo.InvariantCulture, $"run {outcome}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"simulated-picoseconds {stats.SimulatedPicoseconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"events {stats.EventsProcessed}\n");
        var t = stats.Totals;
        text.Append(CultureInfo.InvariantCulture,
            $"totals sent={t.PacketsSent} injected={t.PacketsInjected} received={t.PacketsReceived} routed={t.Routed} default={t.DefaultRouted} " +
            $"emergency={t.EmergencyRouted} dropped={t.Dropped} reinjected={t.Reinjected} lost={t.Lost} link-packets={t.LinkPackets} " +
            $"send-failures={t.SendFailures} lost-callbacks={t.LostCallbacks} busy-cycles={t.BusyCycles} sdp-to-cores={t.SdpToCores} sdp-to-host={t.SdpToHost}\n");
        var e = stats.Energy;
        text.Append(CultureInfo.InvariantCulture,
            $"energy idle={Bits(e.IdleJoules)} core={Bits(e.CoreJoules)} router={Bits(e.RouterJoules)}\n");
        foreach (var r in stats.Routers)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"router {r.Chip} routed={r.Routed} default={r.DefaultRouted} emergency={r.EmergencyRouted} dropped={r.Dropped} reinjected={r.Reinjected} " +
                $"lost-no-route={r.LostNoRoute} lost-no-reinjector={r.LostWithoutReinjector} lost-second-drop={r.LostSecondDrop} " +
                $"lost-queue-full={r.LostReinjectionQueueFull} traversals={r.Traversals}\n");
        }

        var links = new StringBuilder();
        foreach (var l in stats.Links)
        {
            links.Append(CultureInfo.InvariantCulture, $"{l.Chip} {l.Direction} {l.Packets} {l.BusyPicoseconds}\n");
        }

        var cores = new StringBuilder();
        var sdram = new StringBuilder();
        foreach (var c in stats.Cores)
        {
            cores.Append(CultureInfo.InvariantCulture,
                $"{c.Core} {c.Received} {c.Sent} {c.SendFailures} {c.BusyCycles} {c.CallbacksRun} {c.LostCallbacks} {c.MissedTimerTicks} {c.IsDone}\n");
            for (var region = 0; region < 4; region++)
            {
                if (simulation.HasSdramRegion(c.Core, region))
                {
                    sdram.Append(CultureInfo.InvariantCulture, $"{c.Core} {region} {Convert.ToHexString(simulation.ReadSdramRegion(c.Core, region))}\n");
                }
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"links {stats.Links.Count} sha256 {Digest(links)}\n");
        text.Append(CultureInfo.InvariantCulture, $"cores {stats.Cores.Count} sha256 {Digest(cores)}\n");
        text.Append(CultureInfo.InvariantCulture, $"sdram sha256 {Digest(sdram)}\n");
        text.Append(CultureInfo.InvariantCulture, $"host sha256 {Digest(_host)}\n");
        return text.ToString();
    }

    private static string Bits(double value) => $"{value.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.DoubleToInt64Bits(value):X16})";

    private static string Digest(StringBuilder text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
