using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain;
using SpiNNaker.Toolchain.Live;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Host;

/// <summary>
/// The host side of an input (or label) layer: sends one example's values to every input
/// core as live events (each value with its neuron's key, EIEIO-framed, at most 31 to an SDP
/// message), as the seed's host did through its live event connection.
/// </summary>
internal sealed class InputFeeder
{
    private readonly (CoreLocation Core, uint FirstKey, int FirstValue, int Values)[] _cores;
    private readonly InputLayerVertex _layer;
    private readonly byte[] _message = new byte[EieioMessage.MaxBytes];

    /// <summary>Creates the feeder of <paramref name="layer"/> as mapped by <paramref name="mapping"/>.</summary>
    public InputFeeder(InputLayerVertex layer, Mapping mapping)
    {
        _layer = layer;
        _cores = [.. mapping.MachineGraph.MachineVerticesOf(layer).Select(v =>
            (mapping.Placements[v], mapping.KeysOf(v, layer.Partition).FirstKey, v.Slice.LoAtom * layer.ValuesPerNeuron, v.Slice.Count * layer.ValuesPerNeuron))];
    }

    /// <summary>Values per example.</summary>
    public int ValuesPerExample => _layer.AtomCount * _layer.ValuesPerNeuron;

    /// <summary>SDP messages sent so far.</summary>
    public long MessagesSent { get; private set; }

    /// <summary>Sends the values of one example (neuron-major, channel-minor) now.</summary>
    public void Send(Simulation simulation, ReadOnlySpan<float> values)
    {
        var channels = _layer.ValuesPerNeuron;
        foreach (var (core, firstKey, firstValue, count) in _cores)
        {
            var sent = 0;
            while (sent < count)
            {
                var events = Math.Min(EieioMessage.MaxEvents, count - sent);
                for (var i = 0; i < events; i++)
                {
                    var v = sent + i;
                    var key = _layer.KeyPerValue ? firstKey + (uint)v : firstKey + (uint)(v / channels);
                    EieioMessage.WriteEvent(_message, i, withPayloads: true, key, BitConverter.SingleToUInt32Bits(values[firstValue + v]));
                }
                EieioMessage.WriteHeader(_message, events, withPayloads: true);
                simulation.SendSdp(core, InputCore.SdpPort, _message.AsSpan(0, EieioMessage.Length(events, withPayloads: true)));
                MessagesSent++;
                sent += events;
            }
        }
    }
}
