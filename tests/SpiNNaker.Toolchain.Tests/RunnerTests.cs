using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Live;
using SpiNNaker.Toolchain.Running;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>The runner ends runs at the event that decides them, not at the next step of a polling loop.</summary>
public class RunnerTests
{
    private static MachineSession LoadedScaleSession(bool sendInput)
    {
        var graph = new ApplicationGraph();
        var injector = graph.AddVertex(new LiveInjectorVertex("host-in", ("input", 6)));
        var layer = graph.AddVertex(new ScaleLayer("scale", [1f, 2f, 3f, 4f, 5f, 6f], atomsPerCore: 2));
        var gatherer = graph.AddVertex(new LivePacketGathererVertex("host-out"));
        graph.AddEdge(injector, layer, "input");
        graph.AddEdge(layer, gatherer, "forward");
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN5()));
        session.Load();
        if (sendInput)
        {
            session.Live.Send([.. Enumerable.Range(0, 6).Select(i => LiveEvent.WithPayload(session.Live.KeyOf("input", i), BitConverter.SingleToUInt32Bits(i)))]);
        }

        return session;
    }

    [Fact]
    public void RunUntilDone_WithLiveCores_EndsWhenTheGatheredOutputHasReachedTheHost()
    {
        var watched = LoadedScaleSession(sendInput: true);
        var atDone = watched.RunUntil(() => watched.AllCoresDone, SimulatedTime.FromMilliseconds(5));
        var session = LoadedScaleSession(sendInput: true);
        var arrivals = new List<long>();
        session.Live.AddReceiveCallback(e => arrivals.Add(e.ArrivedAt));

        var result = session.RunUntilDone(SimulatedTime.FromMilliseconds(5));

        Assert.Equal(RunEnd.HostConditionMet, atDone.End);
        Assert.Equal(RunEnd.AllCoresDone, result.End);
        Assert.NotEqual(0, atDone.EndPicoseconds % session.PollPicoseconds); // the event's own time, not a poll step
        Assert.Equal(6, session.Live.EventsReceived);

        // The gatherer holds the six results until its flush tick; the run waits one flush
        // period for it, then ends in the event that brings the message to the host.
        var gatherer = session.Mapping.MachineGraph.Vertices.OfType<LivePacketGathererVertex>().Single();
        Assert.Equal(arrivals.Max(), result.EndPicoseconds);
        Assert.True(result.EndPicoseconds >= atDone.EndPicoseconds + ((gatherer.FlushPeriodMicroseconds + 10) * SimulatedTime.Microsecond));
        Assert.True(result.EndPicoseconds > atDone.EndPicoseconds + session.Simulation.Cost.EthernetLatencyPicoseconds);
    }

    [Fact]
    public void RunUntilDone_DeliversEveryPacketOfAHeavyLastCallbackToTheHost()
    {
        // 2 ms of work after Done, far longer than the gatherer's flush period, then 40 results
        // paced 2 us apart (the gatherer takes one in 0.6 us, and sends a full message in 1.5 us).
        var graph = new ApplicationGraph();
        var finisher = graph.AddVertex(new HeavyFinisher("finisher", results: 40, workCycles: 400_000));
        var gatherer = graph.AddVertex(new LivePacketGathererVertex("host-out"));
        graph.AddEdge(finisher, gatherer, "results");
        var session = new MachineSession(new Mapper().Map(graph, MachineBuilder.SpiNN3()));
        session.Load();
        var received = new List<LiveEvent>();
        session.Live.AddReceiveCallback(received.Add);
        var firstKey = session.Mapping.KeysOf(finisher, "results").FirstKey;

        var result = session.RunUntilDone(SimulatedTime.FromMilliseconds(10));

        Assert.Equal(RunEnd.AllCoresDone, result.End);
        Assert.Equal([.. Enumerable.Range(0, 40).Select(i => ((uint)i, (uint)(i * i)))], received.Select(e => (e.Key - firstKey, e.Payload)));
        Assert.True(result.EndPicoseconds > SimulatedTime.FromMilliseconds(2.1));
        Assert.Equal(0, session.GetStatistics().Totals.Dropped);
    }

    [Fact]
    public void RunUntil_ConditionThatNoMessageOrDoneChanges_IsStillCheckedEveryPollInterval()
    {
        var session = LoadedScaleSession(sendInput: false);
        var evaluations = 0;

        var result = session.RunUntil(
            () =>
            {
                evaluations++;
                return session.Simulation.Now >= SimulatedTime.FromMicroseconds(123);
            },
            SimulatedTime.FromMilliseconds(1));

        Assert.Equal(RunEnd.HostConditionMet, result.End);
        Assert.Equal(SimulatedTime.FromMicroseconds(130), result.EndPicoseconds);
        Assert.Equal(14, evaluations); // at the start and at 10, 20, ..., 130 us
    }

    [Fact]
    public void RunUntil_LeavesNoPollBehindForLaterRuns()
    {
        var session = LoadedScaleSession(sendInput: false);
        session.RunUntil(() => session.Simulation.Now >= SimulatedTime.FromMicroseconds(20), SimulatedTime.FromMilliseconds(1));
        var evaluations = 0;

        var result = session.RunUntil(() => ++evaluations > 100, SimulatedTime.FromMicroseconds(35));

        Assert.Equal(RunEnd.TimeElapsed, result.End);
        Assert.Equal(4, evaluations); // the start and three polls of this run: none left from the first
    }
}
