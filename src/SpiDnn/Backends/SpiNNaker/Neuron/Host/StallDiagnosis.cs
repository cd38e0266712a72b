using System.Globalization;
using System.Text;
using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiNNaker.Toolchain.Running;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Host;

/// <summary>
/// Explains why a neuron-mapping run cannot finish: the packets routers dropped (by router),
/// and the cores still waiting and for what, read from every core's status region as a host
/// reads provenance: "core (3, 4, 7) [layer 'dense_3' neuron 17, backward] has 288 of 300
/// errors for example 5".
/// </summary>
internal static class StallDiagnosis
{
    /// <summary>Waiting cores listed in the message at most.</summary>
    public const int MaxListedCores = 12;

    /// <summary>The exception for a run that stopped making progress, or whose core failed (<paramref name="headline"/> says which).</summary>
    public static SpiNNakerRunException Stalled(MachineSession session, string headline, Exception? inner = null)
    {
        var statistics = session.GetStatistics();
        var routers = statistics.Routers.Where(r => r.Dropped > 0).Select(r => (r.Chip, r.Dropped)).ToList();
        var waiting = WaitingCores(session);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{headline} (at {statistics.SimulatedSeconds * 1000:0.###} ms of simulated time)");
        var totals = statistics.Totals;
        if (totals.Dropped > 0 || totals.Lost > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $". Routers dropped {totals.Dropped:N0} packets ({totals.Lost:N0} lost for good, {totals.Reinjected:N0} reinjected)");
            if (routers.Count > 0)
            {
                text.Append(": ").Append(string.Join(", ", routers.Take(MaxListedCores).Select(r => $"chip {r.Chip}: {r.Dropped:N0}")));
                if (routers.Count > MaxListedCores)
                {
                    text.Append(CultureInfo.InvariantCulture, $" and {routers.Count - MaxListedCores} more routers");
                }
            }
        }
        else
        {
            text.Append(". No packet was dropped");
        }
        if (waiting.Count == 0)
        {
            text.Append(". No core reports waiting");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $". {waiting.Count} cores still wait:");
            foreach (var line in waiting.Take(MaxListedCores))
            {
                text.Append("\n  ").Append(line);
            }
            if (waiting.Count > MaxListedCores)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  and {waiting.Count - MaxListedCores} more cores");
            }
        }
        return new SpiNNakerRunException(text.ToString(), totals.Dropped, totals.Lost, routers, waiting, statistics.SimulatedSeconds, inner);
    }

    /// <summary>
    /// One line per core that has not finished, those that received part of what they wait for
    /// first (they are the ones a lost packet stops), in placement order.
    /// </summary>
    public static IReadOnlyList<string> WaitingCores(MachineSession session)
    {
        var lines = new List<(int Rank, string Line)>();
        foreach (var placement in session.Mapping.Placements)
        {
            if (placement.Vertex is not NeuronCoreVertex vertex || !session.Simulation.HasSdramRegion(placement.Core, CoreStatus.RegionId))
            {
                continue;
            }
            var status = CoreStatus.Decode(session.ReadRegion(vertex, CoreStatus.RegionId));
            if (status.Stage is CoreStage.Finished or 0)
            {
                continue;
            }
            var core = placement.Core;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"core ({core.X}, {core.Y}, {core.P}) [{vertex.Describe()}, {StageName(status.Stage)}] has {status.Received:N0} of {status.Expected:N0} {Noun(status.Stage)} for example {status.Example}");
            if (status.PendingSends > 0)
            {
                line += string.Create(CultureInfo.InvariantCulture, $" ({status.PendingSends} sends still waiting for its router)");
            }
            var rank = status.Received > 0 && status.Received < status.Expected ? 0 : status.Received < status.Expected ? 1 : 2;
            lines.Add((rank, line));
        }
        return [.. lines.OrderBy(l => l.Rank).Select(l => l.Line)];
    }

    private static string StageName(CoreStage stage) => stage switch
    {
        CoreStage.Forward => "forward",
        CoreStage.SoftmaxForward => "softmax",
        CoreStage.Backward => "backward",
        CoreStage.SoftmaxBackward => "softmax backward",
        CoreStage.KernelUpdate => "kernel update",
        CoreStage.Loss => "loss",
        CoreStage.Injection => "injection",
        _ => stage.ToString(),
    };

    private static string Noun(CoreStage stage) => stage switch
    {
        CoreStage.Forward => "inputs",
        CoreStage.SoftmaxForward => "exp values",
        CoreStage.Backward => "errors",
        CoreStage.SoftmaxBackward => "error-times-output values",
        CoreStage.KernelUpdate => "kernel gradients",
        CoreStage.Loss => "outputs and labels",
        CoreStage.Injection => "input values",
        _ => "packets",
    };
}
