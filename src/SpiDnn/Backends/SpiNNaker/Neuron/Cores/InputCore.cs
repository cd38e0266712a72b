using System.Buffers.Binary;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// An input vertex: a slice of the input (or label) neurons that the host feeds. The host
/// sends the slice's values of one example in SDP messages (<see cref="InjectionMessage"/>);
/// when all have arrived the core multicasts them at once, neuron by neuron, channel by
/// channel, like the seed's live-injection input neurons.
/// </summary>
internal sealed class InputCore : NeuronCore
{
    private InputParameters _p = null!;
    private float[] _values = [];
    private int _valuesReceived;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        Start(context);
        _p = InputParameters.Decode(ReadWords(NeuronRegions.Parameters));
        CreateSendQueue(_p.ValueCount + 1, _p.Timing.SendSpacingCycles);
        _values = Core.AllocateDtcm<float>(_p.ValueCount);
        Stage = CoreStage.Injection;
        Expected = (uint)_p.ValueCount;
        WriteStatus();
        if (_p.Examples == 0)
        {
            Finish();
        }
    }

    /// <inheritdoc/>
    public override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        Core.ChargeCycles(KeyDecodeCycles);
        Unexpected++;
    }

    /// <inheritdoc/>
    public override void OnSdpMessage(int port, ReadOnlySpan<byte> data)
    {
        if (IsFinishing)
        {
            return;
        }
        var example = BinaryPrimitives.ReadInt32LittleEndian(data);
        var offset = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        var count = (data.Length - InjectionMessage.HeaderBytes) / sizeof(float);
        if (port != InjectionMessage.Port || example != (int)Example || offset < 0 || offset + count > _values.Length)
        {
            throw new InvalidOperationException(
                $"input core got an injection for example {example} (values {offset}..{offset + count - 1}) on port {port} while it expects example {Example} on port {InjectionMessage.Port} with {_values.Length} values");
        }
        Core.ChargeCycles(count * 2);
        for (var i = 0; i < count; i++)
        {
            _values[offset + i] = BinaryPrimitives.ReadSingleLittleEndian(data[(InjectionMessage.HeaderBytes + (i * sizeof(float)))..]);
        }
        _valuesReceived += count;
        Received = (uint)_valuesReceived;
        if (_valuesReceived < _values.Length)
        {
            WriteStatus();
            return;
        }

        var channels = _p.ValuesPerAtom;
        for (var a = 0; a < _p.AtomCount; a++)
        {
            for (var c = 0; c < channels; c++)
            {
                var key = _p.KeyPerValue ? _p.FirstKey + (uint)((a * channels) + c) : _p.FirstKey + (uint)a;
                Post(key, _values[(a * channels) + c]);
            }
        }
        _valuesReceived = 0;
        Received = 0;
        Example++;
        if (Example == (uint)_p.Examples)
        {
            Finish();
            return;
        }
        WriteStatus();
    }

    /// <inheritdoc/>
    protected override void Tick()
    {
    }
}
