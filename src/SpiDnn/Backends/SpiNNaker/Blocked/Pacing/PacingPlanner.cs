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
/// <c>T</c> on average and at most <c>F</c> at once. Partitions of one colour that cross a
/// common link, and frames of one flow that do, send at different link offsets (two link
/// packet times apart), so no link takes a burst of a whole colour at once. Frames whose
/// partitions cross a common link are then slowed until, all at their peak, they use at most
/// half of its packet rate: max-min fair, only the frames above a fair cap of the link, to
/// the cap.
/// </summary>
internal static class PacingPlanner
{
    /// <summary>Headroom on a receiver's service time, for path-length differences and the handler's variable part.</summary>
    public const double ServiceMargin = 1.25;

    /// <summary>
    /// The most of a receiver's packet rate its senders may use together at their peak: the
    /// rest is headroom for flows that meet at a core in the same moment and for multicast
    /// packets that wait for several cores at once.
    /// </summary>
    public const double ReceiverLoadLimit = 0.5;

    /// <summary>The most of a link's packet rate the frames crossing it may use together at their peak.</summary>
    public const double LinkLoadLimit = 0.5;

    /// <summary>Plans the pacing of every partition of <paramref name="graph"/> placed by <paramref name="coreOf"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="coreOf">Each vertex's core.</param>
    /// <param name="linksOf">The links each partition's multicast tree uses (any stable key per directed link).</param>
    /// <param name="machine">The machine.</param>
    /// <param name="cost">The cost model.</param>
    /// <param name="format">The number format (the receive handler's add).</param>
    public static IReadOnlyDictionary<PartitionSpec, SendPacing> Plan(
        BlockedGraph graph, Func<BlockVertex, CoreLocation> coreOf, Func<PartitionSpec, IReadOnlyList<(ChipCoordinate Chip, Direction Link)>> linksOf,
        SpiNNakerMachine machine, CostModel cost, NumberFormat format)
    {
        var frames = new List<Frame>();
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
        var arithmetic = cost.Arithmetic(format);
        long ServiceTime(BlockVertex receiver)
        {
            var entries = incoming[receiver];
            // The handler's own arithmetic: sums add, a member applies the group's gradient.
            var work = entries.Max(s => s.Kind switch
            {
                FlowKind.Partial or FlowKind.Error or FlowKind.Reduce => arithmetic.Add,
                FlowKind.Reduced => arithmetic.MultiplyAccumulate,
                _ => 0,
            });
            var handler = HandlerCosts.PacketDecode + (HandlerCosts.SearchStep * (int)Math.Ceiling(Math.Log2(entries.Count + 1)))
                + HandlerCosts.Store + HandlerCosts.Enqueue + work;
            return (long)Math.Ceiling((cost.PacketReceivedInterruptCycles + handler) * ServiceMargin) * cycle;
        }

        // The share of a receiver's packet rate a flow gets: its part of the packets per example the
        // receiver takes. Reductions run alone at batch ends (the pipeline is drained), so they
        // share only among themselves, and the example flows only among themselves.
        static bool Reduction(FlowKind kind) => kind is FlowKind.Reduce or FlowKind.Reduced;
        double Share(BlockVertex receiver, FlowKind kind)
        {
            var sameClass = incoming[receiver].Where(s => Reduction(s.Kind) == Reduction(kind)).ToList();
            var total = sameClass.Sum(s => (double)s.Count);
            return total > 0 ? sameClass.Where(s => s.Kind == kind).Sum(s => (double)s.Count) / total : 1;
        }

        var hop = cost.RouterLatencyPicoseconds + cost.LinkPacketTime72BitPicoseconds;
        var linkTime = cost.LinkPacketTime72BitPicoseconds;
        foreach (var kind in Enum.GetValues<FlowKind>())
        {
            var specs = graph.Partitions.Where(s => s.Kind == kind).ToList();
            if (specs.Count == 0)
            {
                continue;
            }

            // Partitions of the flow that share receivers, directly or through others, form one TDMA frame.
            var resources = specs.ToDictionary(spec => spec, spec => (IReadOnlyList<object>)[.. spec.Targets.Select(t => (object)t.Target)]);
            var flowFrames = new List<Frame>();
            foreach (var component in Components(specs, resources))
            {
                var receivers = component.SelectMany(s => s.Targets.Select(t => t.Target)).Distinct().ToList();
                var share = receivers.Min(r => Share(r, kind));
                var service = receivers.Max(ServiceTime);
                var unit = (long)Math.Ceiling(service / (share * ReceiverLoadLimit));

                // Greedy colouring: a partition takes the smallest colour none of its receivers' other senders has.
                var colour = new Dictionary<PartitionSpec, int>();
                var taken = new HashSet<(object Resource, int Colour)>();
                foreach (var spec in component)
                {
                    var c = 0;
                    while (resources[spec].Any(r => taken.Contains((r, c))))
                    {
                        c++;
                    }

                    colour[spec] = c;
                    foreach (var resource in resources[spec])
                    {
                        taken.Add((resource, c));
                    }
                }

                var frame = new Frame(component, colour, colour.Values.Max() + 1, unit, service);
                frames.Add(frame);
                flowFrames.Add(frame);
            }

            // Link offsets (greedy colouring again, in steps of two link packet times), in two
            // levels. Inside a frame, the partitions of one colour send in the same moment and
            // are kept apart only at their receivers, so those that cross a common link get
            // different offsets. A burst of same-colour packets onto one link (the fused conv
            // tiles of a chip sending their outputs north at once) would otherwise queue in the
            // routers on the way, which are one pipeline each, and hold the packets behind it
            // past wait1 (head-of-line). Then each frame as a whole is shifted by the smallest
            // frame offset at which none of its partitions meets another frame of the flow at
            // the same offset on a common link, so that symmetric frames do not burst onto a
            // shared link together either (bursts in both directions could fill both ends of a
            // link and block both routers). Only the spread inside a frame lengthens its slot.
            var offsetTaken = new HashSet<((ChipCoordinate, Direction) Link, int Offset)>();
            foreach (var frame in flowFrames)
            {
                var local = new Dictionary<PartitionSpec, int>();
                var links = new Dictionary<PartitionSpec, List<(ChipCoordinate, Direction)>>();
                var used = new HashSet<((ChipCoordinate, Direction) Link, int Colour, int Offset)>();
                foreach (var spec in frame.Partitions)
                {
                    links[spec] = [.. linksOf(spec).Distinct()];
                    var c = frame.Colour[spec];
                    var offset = 0;
                    while (links[spec].Any(l => used.Contains((l, c, offset))))
                    {
                        offset++;
                    }

                    foreach (var link in links[spec])
                    {
                        used.Add((link, c, offset));
                    }

                    local[spec] = offset;
                }

                var shift = 0;
                while (frame.Partitions.Any(spec => links[spec].Any(l => offsetTaken.Contains((l, shift + local[spec])))))
                {
                    shift++;
                }

                foreach (var spec in frame.Partitions)
                {
                    foreach (var link in links[spec])
                    {
                        offsetTaken.Add((link, shift + local[spec]));
                    }

                    frame.Offset[spec] = (shift + local[spec]) * 2 * linkTime;
                }

                frame.FitOffsets();
            }
        }

        // Links: the frames whose partitions share a link must not, all sending at their peak,
        // offer it more than LinkLoadLimit of its packet rate; slow such frames down.
        // Reductions run at batch ends, the other flows during batches: each class gets its own half.
        var linkUse = new Dictionary<(ChipCoordinate, Direction, bool), List<(Frame Frame, PartitionSpec Spec)>>();
        foreach (var frame in frames)
        {
            foreach (var spec in frame.Partitions)
            {
                foreach (var (chip, direction) in linksOf(spec))
                {
                    var link = (chip, direction, spec.Kind is FlowKind.Reduce or FlowKind.Reduced);
                    if (!linkUse.TryGetValue(link, out var users))
                    {
                        linkUse[link] = users = [];
                    }

                    users.Add((frame, spec));
                }
            }
        }

        // Max-min fair: on an overloaded link only the frames that use more than a fair cap of
        // it are slowed, each to the cap, where the cap is the level at which the link's load
        // is LinkLoadLimit (frames under it keep their pace). Slowing the heavy users of a link
        // relieves it; slowing a frame that hardly uses it (say, one sum core's 163 partial
        // sums, crossing a link that others fill) would cost that frame's whole layer its
        // throughput and relieve nothing. A later link only slows frames further, so every
        // link checked before stays within the limit; the second round confirms it.
        for (var round = 0; round < 32; round++)
        {
            var slowest = true;
            foreach (var users in linkUse.Values)
            {
                var loads = users.GroupBy(u => u.Frame).Select(g => (Frame: g.Key, Load: g.Count() * linkTime / (double)g.Key.Period)).ToList();
                if (loads.Sum(l => l.Load) <= LinkLoadLimit * 1.0001)
                {
                    continue;
                }

                var cap = FairCap(loads.Select(l => l.Load).ToList(), LinkLoadLimit);
                foreach (var (frame, load) in loads)
                {
                    if (load > cap)
                    {
                        frame.Stretch *= load / cap;
                    }
                }

                slowest = false;
            }

            if (slowest)
            {
                break;
            }
        }

        var result = new Dictionary<PartitionSpec, SendPacing>();
        foreach (var frame in frames)
        {
            var unit = frame.Unit;
            var period = frame.Period;
            foreach (var spec in frame.Partitions)
            {
                var source = coreOf(spec.Source).Chip;
                var nearest = spec.Targets.Min(t => machine.Distance(source, coreOf(t.Target).Chip));
                var latency = cost.RouterLatencyPicoseconds + (nearest * hop);
                var phase = (((frame.Colour[spec] * unit) + frame.Offset[spec] - latency) % period + period) % period;
                result[spec] = new SendPacing(period, phase, frame.Window);
            }
        }

        return result;
    }

    /// <summary>
    /// One TDMA frame: a group of partitions of one flow linked by shared receivers, their
    /// colours and link offsets, the slot of one colour (<c>F T</c>) and the receive window
    /// <c>T</c>; stretched when a link they use would be overloaded. A slot is never shorter
    /// than the window plus the spread of the link offsets, so that two partitions of
    /// consecutive colours sending to one receiver stay a window apart.
    /// </summary>
    private sealed class Frame(List<PartitionSpec> partitions, Dictionary<PartitionSpec, int> colour, int colours, long unit, long window)
    {
        private long _unit = unit;

        public List<PartitionSpec> Partitions { get; } = partitions;

        public Dictionary<PartitionSpec, int> Colour { get; } = colour;

        public Dictionary<PartitionSpec, long> Offset { get; } = [];

        public double Stretch { get; set; } = 1;

        public long Unit => (long)Math.Ceiling(_unit * Stretch);

        public long Period => colours * Unit;

        public long Window => window;

        /// <summary>Once the link offsets are set: lengthens the slot to the window plus their spread if it is shorter.</summary>
        public void FitOffsets() => _unit = Math.Max(_unit, window + (Offset.Values.Max() - Offset.Values.Min()));
    }

    /// <summary>
    /// The level <c>c</c> at which the loads, each capped at <c>c</c>, add up to
    /// <paramref name="limit"/> (water-filling); the loads add up to more than the limit.
    /// </summary>
    private static double FairCap(List<double> loads, double limit)
    {
        loads.Sort();
        var below = 0.0;
        for (var i = 0; i < loads.Count; i++)
        {
            // With the i smallest loads whole and the rest capped at c: below + (n - i) c = limit.
            var cap = (limit - below) / (loads.Count - i);
            if (cap <= loads[i])
            {
                return cap;
            }

            below += loads[i];
        }

        return loads[^1];
    }

    /// <summary>The connected components of the "shares a resource" relation, each in graph order.</summary>
    private static List<List<PartitionSpec>> Components(List<PartitionSpec> specs, Dictionary<PartitionSpec, IReadOnlyList<object>> resources)
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

        var firstUser = new Dictionary<object, int>();
        for (var i = 0; i < specs.Count; i++)
        {
            foreach (var resource in resources[specs[i]])
            {
                if (firstUser.TryGetValue(resource, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    firstUser[resource] = i;
                }
            }
        }

        return [.. Enumerable.Range(0, specs.Count).GroupBy(Find).Select(g => g.Select(i => specs[i]).ToList())];
    }
}
