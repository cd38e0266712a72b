using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Live;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// An input vertex: a slice of the input (or label) neurons that the host feeds, like the
/// seed's live-injection input neurons. The host sends the slice's values of one example as
/// live events (key and float payload, EIEIO-framed SDP messages of at most 31 events); the
/// core multicasts each event as it arrives, in order, and counts the example done when all
/// its values have gone out.
/// </summary>
internal sealed class InputCore : NeuronCore
{
    /// <summary>The SDP port input cores listen on.</summary>
    public const int SdpPort = 1;

    /// <summary>Decoding and checking one event: 20 cycles (assumed, as the toolchain's live injector).</summary>
    private const int CyclesPerEvent = 20;

    private InputParameters _p = null!;
    private uint _keyCount;
    private int _valuesReceived;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        Start(context);
        _p = InputParameters.Decode(ReadWords(NeuronRegions.Parameters));
        _keyCount = (uint)(_p.KeyPerValue ? _p.ValueCount : _p.AtomCount);
        CreateSendQueue(_p.ValueCount + 1);
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
        if (port != SdpPort || !EieioMessage.TryReadHeader(data, out var count, out var withPayloads) || !withPayloads)
        {
            throw new InvalidOperationException($"input core got a message on port {port} that is not EIEIO data with payloads ({data.Length} bytes)");
        }
        for (var i = 0; i < count; i++)
        {
            Core.ChargeCycles(CyclesPerEvent);
            var (key, payload) = EieioMessage.ReadEvent(data, i, withPayloads: true);
            if (key - _p.FirstKey >= _keyCount)
            {
                throw new InvalidOperationException(
                    $"input core got key 0x{key:X8} for example {Example}; its keys are 0x{_p.FirstKey:X8} to 0x{_p.FirstKey + _keyCount - 1:X8}");
            }
            PostRaw(key, payload);
            _valuesReceived++;
            if (_valuesReceived == _p.ValueCount)
            {
                _valuesReceived = 0;
                Example++;
                if (Example == (uint)_p.Examples)
                {
                    Received = 0;
                    Finish();
                    return;
                }
            }
        }
        Received = (uint)_valuesReceived;
        WriteStatus();
    }

    /// <inheritdoc/>
    protected override void Tick()
    {
    }
}
