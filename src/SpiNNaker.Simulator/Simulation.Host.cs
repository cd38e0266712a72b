using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>The host link: SDP messages through each board's Ethernet chip, with Ethernet latency and bandwidth.</summary>
public sealed partial class Simulation
{
    /// <summary>
    /// The host sends an SDP message to <paramref name="core"/> now. It crosses Ethernet to
    /// the core's board's Ethernet chip (latency plus serialisation, one message at a time per
    /// board) and is forwarded chip to chip to the core.
    /// </summary>
    public void SendSdp(CoreLocation core, int port, ReadOnlySpan<byte> data)
    {
        SdpMessage.Check(port, data.Length);
        var state = Core(core);
        var message = new SdpMessage(core, port, data.ToArray(), Now);
        var index = _messages.Count;
        _messages.Add(message);
        _sdpToCores++;
        _sdpInFlight++;

        var ethernet = Machine.GetChip(core.Chip).EthernetChip;
        var board = RouterOf(ethernet).Index;
        var start = Math.Max(Now, _ethernetToChipFreeAt[board]);
        var frame = FrameTime(data.Length);
        _ethernetToChipFreeAt[board] = start + frame;
        var arrive = start + frame + Cost.EthernetLatencyPicoseconds + (Machine.Distance(ethernet, core.Chip) * Cost.SdpHopPicoseconds);
        _queue.Push(arrive, EventKind.SdpToCore, state.Slot, 0, 0, (uint)index, 0);
    }

    internal void SendSdpToHost(CoreState core, int port, ReadOnlySpan<byte> data)
    {
        SdpMessage.Check(port, data.Length);
        core.Charged += Cost.SdpSendCycles;
        var sent = Math.Max(core.Now, Now);
        var message = new SdpMessage(core.Location, port, data.ToArray(), sent);
        var index = _messages.Count;
        _messages.Add(message);
        _sdpInFlight++;

        var ethernet = Machine.GetChip(core.Location.Chip).EthernetChip;
        var board = RouterOf(ethernet).Index;
        var atEthernet = sent + (Machine.Distance(core.Location.Chip, ethernet) * Cost.SdpHopPicoseconds);
        var start = Math.Max(atEthernet, _ethernetToHostFreeAt[board]);
        var frame = FrameTime(data.Length);
        _ethernetToHostFreeAt[board] = start + frame;
        _queue.Push(start + frame + Cost.EthernetLatencyPicoseconds, EventKind.SdpToHost, 0, 0, 0, (uint)index, 0);
    }

    private long FrameTime(int dataBytes) =>
        (long)Math.Ceiling((dataBytes + Cost.SdpFrameOverheadBytes) * 8.0 * SimulatedTime.Second / Cost.EthernetBitsPerSecond);

    private void ArriveSdp(CoreState core, int index)
    {
        _messages[index].ArrivedAt = Now;
        _sdpInFlight--;
        if (core.Exited)
        {
            return;
        }

        core.SdpArrived.Enqueue(index);
        core.SdpPending++;
        Service(core);
    }

    private void DeliverToHost(int index)
    {
        var message = _messages[index];
        message.ArrivedAt = Now;
        _sdpInFlight--;
        _sdpToHost++;
        _exitCheck = true;
        HostReceiver?.Invoke(message);
    }
}
