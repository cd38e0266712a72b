using SpiDnn.Backends.SpiNNaker.Blocked.Cores;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Graph;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Pacing;

/// <summary>
/// The TDMA pacing of every partition (docs/mapping-blocked.md, section 8). Per flow (kind of
/// partition), partitions that share a receiver get different colours (greedy colouring in
/// graph order) within each group of partitions linked by shared receivers; with <c>C</c> colours, <c>F</c> flows into the busiest receiver of the flow
/// and <c>T</c> the slowest receiver's packet service time, a partition sends at most one
/// packet per <c>C F T</c>, at phase <c>colour F T</c> on the global clock, moved earlier by
/// its path latency to its nearest receiver. So into any core at most one packet arrives per
/// <c>T</c> on average and at most <c>F</c> at once.
/// </summary>
internal static class PacingPlanner
{
    /// <summary>Headroom on a receiver's service time, for path-length differences and the handler's variable part.</summary>
    public const double ServiceMargin = 1.25;

    /// <summary>Plans the pacing of every partition of <paramref name="graph"/> placed by <paramref name="coreOf"/>.</summary>
    public static IReadOnlyDictionary<PartitionSpec, SendPacing> Plan(
        BlockedGraph graph, Func<BlockVertex, CoreLocation> coreOf, SpiNNakerMachine machine, CostModel cost, NumberFormat format)
    {
        var result = new Dictionary<PartitionSpec, SendPacing>();
        var incoming = new Dictionary<BlockVertex, List<PartitionSpec>>();
        foreach (var spec in graph.Partitions)
        {
            foreach (var (target, _) in spec.Targets)
            {
                if (!incoming.TryGetValue(target, out var list))
                {
                    incoming[target] = list = [];
                }

                list.Add(spec);
            }
        }

        var cycle = cost.CoreCyclePicoseconds;
        var add = cost.Arithmetic(format).Add;
        long ServiceTime(BlockVertex receiver)
        {
            var entries = incoming[receiver].Count;
            var handler = HandlerCosts.PacketDecode + (HandlerCosts.SearchStep * (int)Math.Ceiling(Math.Log2(entries + 1)))
                + HandlerCosts.Store + HandlerCosts.Enqueue + cost.Arithmetic(format).MultiplyAccumulate + add;
            return (long)Math.Ceiling((cost.PacketReceivedInterruptCycles + handler) * ServiceMargin) * cycle;
        }

        int Flows(BlockVertex receiver) => incoming[receiver].Select(s => s.Kind).Distinct().Count();

        var hop = cost.RouterLatencyPicoseconds + cost.LinkPacketTime72BitPicoseconds;
        foreach (var kind in Enum.GetValues<FlowKind>())
        {
            var specs = graph.Partitions.Where(s => s.Kind == kind).ToList();
            if (specs.Count == 0)
            {
                continue;
            }

            // Partitions of the flow that share receivers, directly or through others, form one TDMA frame.
            foreach (var component in Components(specs))
            {
                // Greedy colouring: a partition takes the smallest colour none of its receivers' other senders has.
                var colour = new Dictionary<PartitionSpec, int>();
                var taken = new Dictionary<BlockVertex, HashSet<int>>();
                foreach (var spec in component)
                {
                    var c = 0;
                    while (spec.Targets.Any(t => taken.TryGetValue(t.Target, out var set) && set.Contains(c)))
                    {
                        c++;
                    }

                    colour[spec] = c;
                    foreach (var (target, _) in spec.Targets)
                    {
                        if (!taken.TryGetValue(target, out var set))
                        {
                            taken[target] = set = [];
                        }

                        set.Add(c);
                    }
                }

                var colours = colour.Values.Max() + 1;
                var receivers = component.SelectMany(s => s.Targets.Select(t => t.Target)).Distinct().ToList();
                var flows = receivers.Max(Flows);
                var service = receivers.Max(ServiceTime);
                var unit = flows * service;
                var period = colours * unit;
                foreach (var spec in component)
                {
                    var source = coreOf(spec.Source).Chip;
                    var nearest = spec.Targets.Min(t => machine.Distance(source, coreOf(t.Target).Chip));
                    var latency = cost.RouterLatencyPicoseconds + (nearest * hop);
                    var phase = (((colour[spec] * unit) - latency) % period + period) % period;
                    result[spec] = new SendPacing(period, phase, service);
                }
            }
        }

        return result;
    }

    /// <summary>The connected components of the "shares a receiver" relation, each in graph order.</summary>
    private static List<List<PartitionSpec>> Components(List<PartitionSpec> specs)
    {
        var parent = new int[specs.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var firstSender = new Dictionary<BlockVertex, int>();
        for (var i = 0; i < specs.Count; i++)
        {
            foreach (var (target, _) in specs[i].Targets)
            {
                if (firstSender.TryGetValue(target, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    firstSender[target] = i;
                }
            }
        }

        return [.. Enumerable.Range(0, specs.Count).GroupBy(Find).Select(g => g.Select(i => specs[i]).ToList())];
    }
}
