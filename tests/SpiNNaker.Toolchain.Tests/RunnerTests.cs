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
    public void RunUntilDone_WithLiveCores_EndsOneDrainAfterTheEventInWhichTheLastComputeCoreIsDone()
    {
        var watched = LoadedScaleSession(sendInput: true);
        var atDone = watched.RunUntil(() => watched.AllCoresDone, SimulatedTime.FromMilliseconds(5));
        var session = LoadedScaleSession(sendInput: true);

        var result = session.RunUntilDone(SimulatedTime.FromMilliseconds(5));

        Assert.Equal(RunEnd.HostConditionMet, atDone.End);
        Assert.Equal(RunEnd.AllCoresDone, result.End);
        Assert.NotEqual(0, atDone.EndPicoseconds % session.PollPicoseconds); // the event's own time, not a poll step
        var drain = result.EndPicoseconds - atDone.EndPicoseconds;
        var gatherer = session.Mapping.MachineGraph.Vertices.OfType<LivePacketGathererVertex>().Single();
        Assert.Equal((2 * gatherer.FlushPeriodMicroseconds * SimulatedTime.Microsecond) + session.Simulation.Cost.EthernetLatencyPicoseconds + (10 * SimulatedTime.Microsecond), drain);
        Assert.Equal(6, session.Live.EventsReceived);
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
