using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Live;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Running;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>
/// The flow the SpiDnn backend follows: vertices with core applications and generated data
/// holding their keys; keys read back after allocation; load, live input, run until done,
/// live output, SDRAM read back, statistics; reload with new data and run again.
/// </summary>
public class EndToEndTests
{
    private const int Atoms = 20;

    private static (ApplicationGraph Graph, ScaleLayer Layer) ScaleGraph(float[] weights)
    {
        var graph = new ApplicationGraph();
        var injector = graph.AddVertex(new LiveInjectorVertex("host-in", ("input", weights.Length)));
        var layer = graph.AddVertex(new ScaleLayer("scale", weights, atomsPerCore: 3));
        var gatherer = graph.AddVertex(new LivePacketGathererVertex("host-out"));
        graph.AddEdge(injector, layer, "input");
        graph.AddEdge(layer, gatherer, "forward");
        return (graph, layer);
    }

    private static float[] Inputs(int seed) => [.. Enumerable.Range(0, Atoms).Select(i => (float)((i * 0.37) - 3 + seed))];

    private static float[] Weights(int seed) => [.. Enumerable.Range(0, Atoms).Select(i => (float)Math.Sin(i + (seed * 10)))];

    /// <summary>One cycle: send x, run until done, return y by atom as the host received it.</summary>
    private static float[] Cycle(MachineSession session, Mapping mapping, ScaleLayer layer, float[] x, out RunResult result)
    {
        session.Load();
        var (firstKey, count) = mapping.RoutingInfo.ApplicationKeyRange(mapping.MachineGraph, layer, "forward");
        var received = new float[Atoms];
        var seen = new int[Atoms];
        void OnEvent(LiveEvent e)
        {
            var atom = (int)(e.Key - firstKey);
            received[atom] = BitConverter.UInt32BitsToSingle(e.Payload);
            seen[atom]++;
        }

        session.Live.AddReceiveCallback(OnEvent);
        session.Live.Send([.. x.Select((v, i) => LiveEvent.WithPayload(session.Live.KeyOf("input", i), BitConverter.SingleToUInt32Bits(v)))]);
        result = session.RunUntilDone(SimulatedTime.FromMilliseconds(5));
        session.Live.RemoveReceiveCallback(OnEvent);
        Assert.Equal(Atoms, count);
        Assert.All(seen, s => Assert.Equal(1, s));
        return received;
    }

    [Fact]
    public void ToyLayer_LoadRunReadAndReload_GivesTheHostResultEveryCycle()
    {
        var (graph, layer) = ScaleGraph(Weights(0));
        var mapping = new Mapper(new MapperOptions { KeyAllocator = new GlobalPartitionKeyAllocator() }).Map(graph, MachineBuilder.SpiNN5());
        var session = new MachineSession(mapping);

        for (var cycle = 0; cycle < 3; cycle++)
        {
            layer.Weights = Weights(cycle);
            var x = Inputs(cycle);
            var y = Cycle(session, mapping, layer, x, out var result);

            var expected = x.Select((v, i) => layer.Weights[i] * v).ToArray();
            Assert.Equal(RunEnd.AllCoresDone, result.End);
            Assert.Equal(expected, y); // bit for bit: the same float multiply
            foreach (var core in mapping.MachineGraph.MachineVerticesOf(layer))
            {
                var stored = Extractor.ToSingles(session.ReadRegion(core, 1));
                Assert.Equal(expected.AsSpan(core.Slice.LoAtom, core.Slice.Count).ToArray(), stored);
            }

            var statistics = session.GetStatistics();
            Assert.Equal(0, statistics.Totals.Dropped);
            Assert.Equal(2 * Atoms, statistics.Totals.PacketsSent); // 20 injected inputs + 20 outputs
            Assert.Equal(cycle + 1, session.LoadCount);
        }

        Assert.Equal(3 * Atoms, session.Live.EventsReceived);
        Assert.Equal(3 * Atoms, session.Live.EventsSent);
        Assert.Equal(3, session.Live.MessagesSent); // 20 events fit one message
    }

    [Fact]
    public void TwoDifferentGraphs_TakeTurnsOnOneSimulation()
    {
        // As a backend alternates a training graph and a prediction graph on one machine.
        var machine = MachineBuilder.SpiNN5();
        var simulation = new Simulation(machine);
        var options = new MapperOptions { KeyAllocator = new GlobalPartitionKeyAllocator() };
        var (graphA, layerA) = ScaleGraph(Weights(5));
        var mappingA = new Mapper(options).Map(graphA, machine);
        var sessionA = new MachineSession(mappingA, simulation);
        var (graphB, layerB) = ScaleGraph(Weights(6));
        layerB.AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(4, 4))); // a different placement
        var mappingB = new Mapper(options).Map(graphB, machine);
        var sessionB = new MachineSession(mappingB, simulation);

        foreach (var (session, mapping, layer, seed) in new[] { (sessionA, mappingA, layerA, 1), (sessionB, mappingB, layerB, 2), (sessionA, mappingA, layerA, 3) })
        {
            var x = Inputs(seed);
            var y = Cycle(session, mapping, layer, x, out var result);

            Assert.Equal(RunEnd.AllCoresDone, result.End);
            Assert.Equal(x.Select((v, i) => layer.Weights[i] * v), y);
        }

        Assert.NotEqual(mappingA.Placements[mappingA.MachineGraph.MachineVerticesOf(layerA)[0]], mappingB.Placements[mappingB.MachineGraph.MachineVerticesOf(layerB)[0]]);
    }

    [Fact]
    public void LiveOutput_ArrivesAfterBothEthernetCrossings_AndNotMuchLater()
    {
        var (graph, layer) = ScaleGraph(Weights(1));
        var mapping = new Mapper().Map(graph, MachineBuilder.SpiNN5());
        var session = new MachineSession(mapping);
        session.Load();
        var arrivals = new List<long>();
        session.Live.AddReceiveCallback(e => arrivals.Add(e.ArrivedAt));

        session.Live.Send("input", 0, BitConverter.SingleToUInt32Bits(2f));
        var result = session.RunUntil(() => arrivals.Count == 1, SimulatedTime.FromMilliseconds(1));

        // Each crossing: a 10-byte EIEIO message + 56 bytes of SDP/UDP/IP/Ethernet framing at
        // 100 Mbit/s (5.28 us), plus 50 us latency. Between them: the cores' work and up to
        // one 20 us flush period of the gatherer.
        var cost = session.Simulation.Cost;
        var crossing = ((10 + cost.SdpFrameOverheadBytes) * 8 * SimulatedTime.Second / cost.EthernetBitsPerSecond) + cost.EthernetLatencyPicoseconds;
        Assert.Equal(RunEnd.HostConditionMet, result.End);
        Assert.InRange(arrivals[0], 2 * crossing, (2 * crossing) + SimulatedTime.FromMicroseconds(20 + 10));
    }

    [Fact]
    public void LiveInput_ManyEvents_ArePackedThirtyOneToAMessage_AndSerialisedOnTheLink()
    {
        var weights = Enumerable.Repeat(1f, 310).ToArray();
        var graph = new ApplicationGraph();
        var injector = graph.AddVertex(new LiveInjectorVertex("host-in", ("input", 310)));
        var layer = graph.AddVertex(new ScaleLayer("scale", weights, atomsPerCore: 20));
        var gatherer = graph.AddVertex(new LivePacketGathererVertex("host-out"));
        graph.AddEdge(injector, layer, "input");
        graph.AddEdge(layer, gatherer, "forward");
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN5()));
        session.Load();
        var last = 0L;
        var count = 0;
        session.Live.AddReceiveCallback(e =>
        {
            last = Math.Max(last, e.ArrivedAt);
            count++;
        });

        session.Live.Send([.. Enumerable.Range(0, 310).Select(i => LiveEvent.WithPayload(session.Live.KeyOf("input", i), BitConverter.SingleToUInt32Bits(i)))]);
        var result = session.RunUntilDone(SimulatedTime.FromMilliseconds(5));

        // 10 full messages of 250 bytes (+56 framing) leave one after another: the last
        // reaches the Ethernet chip 10 frames + 50 us after the first left.
        var cost = session.Simulation.Cost;
        var frame = (250 + cost.SdpFrameOverheadBytes) * 8 * SimulatedTime.Second / cost.EthernetBitsPerSecond;
        Assert.Equal(RunEnd.AllCoresDone, result.End);
        Assert.Equal(10, session.Live.MessagesSent);
        Assert.Equal(310, count);
        Assert.Equal(0, session.GetStatistics().Totals.Dropped); // the injector's pacing keeps the receivers up
        Assert.True(last >= (10 * frame) + (2 * cost.EthernetLatencyPicoseconds), $"last event at {last} ps");
        Assert.True(session.Live.MessagesReceived >= 10, "the gatherer packs at most 31 events per message");
    }

    [Fact]
    public void LiveCallback_CanStopTheRun()
    {
        var (graph, layer) = ScaleGraph(Weights(2));
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN5()));
        session.Load();
        session.Live.AddReceiveCallback(_ => session.Live.Stop());
        session.Live.Send("input", 5, BitConverter.SingleToUInt32Bits(1f));

        var result = session.RunUntilDone(SimulatedTime.FromMilliseconds(5));

        Assert.Equal(RunEnd.StoppedByHost, result.End);
        Assert.False(session.AllCoresDone); // only atom 5's core got input
        Assert.Equal(1, session.Live.EventsReceived);
    }

    [Fact]
    public void RunUntilDone_WithoutInput_EndsByTheTimeLimit()
    {
        var (graph, _) = ScaleGraph(Weights(3));
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN5()));
        session.Load();

        var result = session.RunUntilDone(SimulatedTime.FromMicroseconds(300));

        Assert.Equal(RunEnd.TimeElapsed, result.End);
        Assert.Equal(SimulatedTime.FromMicroseconds(300), result.EndPicoseconds - result.StartPicoseconds);
    }

    [Fact]
    public void VertexWithoutACoreApplication_CannotBeLoaded()
    {
        var (graph, v) = GraphBuilders.Vertices(2);
        graph.AddEdge(v[0], v[1], "x");
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN3()));

        var e = Assert.Throws<MappingException>(session.Load);

        Assert.Contains("'v0' (SimpleMachineVertex) has no core application", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataLargerThanDeclared_IsAnErrorNamingTheVertexAndSizes()
    {
        var graph = new MachineGraph();
        graph.AddVertex(new OversizedVertex());
        var mapping = new Mapper().Map(graph, MachineBuilder.SpiNN3());

        var e = Assert.Throws<ResourceException>(() => new DataGenerator().Generate(mapping));

        Assert.Contains("'oversized' generated 100 B of SDRAM data in 1 regions (region 0: 100 B) but declared 64 B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionOnAnotherMachinesSimulation_IsRejected()
    {
        var (graph, _) = ScaleGraph(Weights(0));
        var mapping = new Mapper().Map(graph, MachineBuilder.SpiNN5());

        var e = Assert.Throws<ArgumentException>(() => new MachineSession(mapping, new Simulation(MachineBuilder.SpiNN5())));

        Assert.Contains("mapped onto", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InjectorAndGathererAreReservedOnTheEthernetChip()
    {
        var (graph, _) = ScaleGraph(Weights(0));
        var machine = MachineBuilder.Triads(1, 1);

        var mapping = new Mapper().Map(graph, machine);

        Assert.All(mapping.MachineGraph.Vertices.Where(v => v.IsService), v => Assert.Equal(machine.EthernetChips[0], mapping.Placements[v].Chip));
    }

    [Fact]
    public void ProgramAllocatingMoreDtcmThanItsVertexDeclared_IsStoppedWithTheVertexNamed()
    {
        var graph = new MachineGraph();
        graph.AddVertex(new GreedyVertex());
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN3()));
        session.Load();

        var e = Assert.Throws<CoreApplicationException>(() => session.RunFor(SimulatedTime.FromMicroseconds(10)));

        var inner = Assert.IsType<MemoryBudgetExceededException>(e.InnerException);
        Assert.Contains("'greedy'", inner.Message, StringComparison.Ordinal);
        Assert.Contains("allocates 4,000 B of DTCM (1000 x UInt32) with 0 B already allocated, but declared 100 B", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoppedRun_ThenReload_RunsToTheEndWithTheSameConnection()
    {
        var (graph, layer) = ScaleGraph(Weights(4));
        var mapping = new Mapper(new MapperOptions { KeyAllocator = new GlobalPartitionKeyAllocator() }).Map(graph, MachineBuilder.SpiNN5());
        var session = new MachineSession(mapping);
        session.Load();
        void StopAtOnce(LiveEvent e) => session.Live.Stop();
        session.Live.AddReceiveCallback(StopAtOnce);
        session.Live.Send("input", 0, BitConverter.SingleToUInt32Bits(1f));
        Assert.Equal(RunEnd.StoppedByHost, session.RunUntilDone(SimulatedTime.FromMilliseconds(5)).End);
        session.Live.RemoveReceiveCallback(StopAtOnce);

        var x = Inputs(4);
        var y = Cycle(session, mapping, layer, x, out var result);

        Assert.Equal(RunEnd.AllCoresDone, result.End);
        Assert.Equal(x.Select((v, i) => layer.Weights[i] * v), y);
        Assert.Equal(0, result.StartPicoseconds); // the reload started the simulation afresh
    }

    private sealed class GreedyVertex() : MachineVertex("greedy")
    {
        public override ResourceRequirements Resources => new(100, 0);

        public override CoreApplication CreateCoreApplication() => new Greedy();

        private sealed class Greedy : CoreApplication
        {
            public override void OnStart(ICoreContext context) => context.AllocateDtcm<uint>(1000);
        }
    }

    private sealed class OversizedVertex() : MachineVertex("oversized")
    {
        public override ResourceRequirements Resources => new(16, 64);

        public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context) => [new SdramRegionData(0, new byte[100])];
    }
}
