using SpiNNaker.Machine;
using static SpiNNaker.Simulator.Tests.Fixtures;

namespace SpiNNaker.Simulator.Tests;

public class HostLinkTests
{
    [Fact]
    public void HostAndCore_ExchangeSdpMessagesWithEthernetLatencyAndBandwidth()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        var core = new CoreLocation(0, 0, 1);
        long coreGotAt = 0;
        sim.LoadApplication(core, new Probe
        {
            Sdp = (c, port, data) =>
            {
                coreGotAt = c.Now;
                c.SendSdpToHost(port + 1, [.. data.Select(b => (byte)(b * 2))]);
            },
        });
        var replies = new List<SdpMessage>();
        sim.HostReceiver = m =>
        {
            replies.Add(m);
            sim.Stop();
        };

        sim.Run(SimulatedTime.Microsecond);
        sim.SendSdp(core, 3, [1, 2, 3]);
        var outcome = sim.Run(SimulatedTime.Millisecond);

        Assert.Equal(RunOutcome.StoppedByHost, outcome);
        var reply = Assert.Single(replies);
        Assert.Equal([2, 4, 6], reply.Data);
        Assert.Equal(4, reply.Port);
        Assert.Equal(core, reply.Core);
        var frame = (3 + Cost.SdpFrameOverheadBytes) * 8 * SimulatedTime.Second / Cost.EthernetBitsPerSecond;
        var inbound = SimulatedTime.Microsecond + frame + Cost.EthernetLatencyPicoseconds;
        Assert.Equal(inbound + (Cost.SdpReceiveCycles * Cycle), coreGotAt);
        Assert.Equal(coreGotAt + (Cost.SdpSendCycles * Cycle) + frame + Cost.EthernetLatencyPicoseconds, reply.ArrivedAt);
        Assert.Equal(reply.ArrivedAt, sim.Now);
        Assert.Equal(1, sim.GetStatistics().Totals.SdpToHost);
    }

    [Fact]
    public void SdpToAFarChip_AddsAForwardingHopPerChip()
    {
        var sim = new Simulation(MachineBuilder.SpiNN5());
        long gotAt = 0;
        sim.LoadApplication(new(3, 3, 1), new Probe { Sdp = (c, _, _) => gotAt = c.Now });

        sim.SendSdp(new(3, 3, 1), 0, [9]);
        sim.Run(SimulatedTime.Millisecond);

        var frame = (1 + Cost.SdpFrameOverheadBytes) * 8 * SimulatedTime.Second / Cost.EthernetBitsPerSecond;
        Assert.Equal(frame + Cost.EthernetLatencyPicoseconds + (3 * Cost.SdpHopPicoseconds) + (Cost.SdpReceiveCycles * Cycle), gotAt);
    }

    [Fact]
    public void OversizedSdpMessage_IsRejected()
    {
        var sim = new Simulation(MachineBuilder.SpiNN3());
        sim.LoadApplication(new(0, 0, 1), new Probe());

        var e = Assert.Throws<ArgumentException>(() => sim.SendSdp(new(0, 0, 1), 0, new byte[300]));

        Assert.Contains("300", e.Message, StringComparison.Ordinal);
    }
}
