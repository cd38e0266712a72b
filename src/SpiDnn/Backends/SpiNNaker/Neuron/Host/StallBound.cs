using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Host;

/// <summary>
/// How long the host waits for the next packet before it calls a run stalled. A healthy run
/// delivers something to the host at least once per example, so the bound is a generous
/// multiple of the longest an example can take: every layer waits up to a timer period per
/// stage, and its busiest core spends cycles taking packets and computing (estimated from the
/// cost model), and the host's messages cross the Ethernet link.
/// </summary>
internal static class StallBound
{
    /// <summary>Safety factor on the estimate of one example's time.</summary>
    public const int SafetyFactor = 4;

    /// <summary>Added to every bound: 10 ms.</summary>
    public const long Floor = 10 * SimulatedTime.Millisecond;

    /// <summary>The bound in picoseconds for <paramref name="graph"/>.</summary>
    public static long Of(NeuronGraph graph, NeuronRun run, CostModel cost)
    {
        if (run.Options.StallTimeoutMicroseconds is { } given)
        {
            return given * SimulatedTime.Microsecond;
        }
        var receive = cost.PacketReceivedInterruptCycles + 8L + cost.FloatArithmetic.MultiplyAccumulate;
        var timing = run.TimingFor(new(0, 0, 0));
        var spacing = Math.Max(timing.ErrorSpacingCycles, timing.FilterSpacingCycles) + (long)cost.SendPacketCycles;
        long cycles = 0;
        var stages = 0;
        foreach (var layer in graph.Layers)
        {
            var inputs = layer is Conv1DLayerVertex c ? c.Layer.KernelSize * c.Layer.Channels : layer.Previous!.AtomCount * layer.Previous.ValuesPerNeuron;
            var values = layer.ValuesPerNeuron;
            cycles += (inputs * receive) + (inputs * values * cost.FloatArithmetic.MultiplyAccumulate) + (values * spacing);
            stages += layer is PerceptronLayerVertex { ExchangesSoftmax: true } ? 2 : 1;
            if (!run.Training)
            {
                continue;
            }
            stages += layer is PerceptronLayerVertex { ExchangesSoftmax: true } ? 2 : 1;
            var successors = layer.Next?.AtomCount ?? 1;
            // Multicast each error: every core hears every packet its successors send.
            cycles += (long)successors * Math.Max(1, inputs) * receive + (inputs * spacing);
            if (layer is Conv1DLayerVertex conv && conv.AtomCount > 1)
            {
                var w = (long)conv.WeightCount;
                stages++;
                cycles += ((conv.AtomCount - 1) * w * (receive + cost.SdramWordAccessCycles + cost.FixedPointArithmetic.Divide))
                    + (conv.AtomCount * w * (cost.SdramWordAccessCycles + cost.FloatArithmetic.Add)) + (w * spacing);
            }
        }
        // The host's messages to the input (and label) cores cross the Ethernet link one after another.
        var messages = (graph.Input.AtomCount * graph.Input.ValuesPerNeuron / 31) + graph.Input.AtomCount / graph.InputNeuronsPerCore + 2
            + ((graph.Labels?.AtomCount ?? 0) / graph.InputNeuronsPerCore);
        var frame = (long)Math.Ceiling((250 + cost.SdpFrameOverheadBytes) * 8.0 * SimulatedTime.Second / cost.EthernetBitsPerSecond);
        var perExample = (messages * frame) + (stages * (long)run.Options.TimerPeriodMicroseconds * SimulatedTime.Microsecond)
            + (cycles * cost.CoreCyclePicoseconds)
            + (4 * cost.EthernetLatencyPicoseconds);
        return (SafetyFactor * perExample) + Floor;
    }
}
