using SpiNNaker.Simulator;

namespace SpiNNaker.Toolchain.Live;

/// <summary>
/// The core program of a <see cref="LiveInjectorVertex"/> on the Ethernet chip: it receives
/// EIEIO-framed SDP messages from the host and sends each event as a multicast packet. Events
/// that cannot be sent at once (the send queue is full) wait in a DTCM ring and are retried
/// on a timer. Counts go to SDRAM region <see cref="StatisticsRegion"/>: events received,
/// events sent, events dropped because the ring was full, malformed messages.
/// </summary>
public sealed class LiveInjectorApplication : CoreApplication
{
    /// <summary>The configuration region: SDP port, retry period (us), ring capacity, cycles between sends.</summary>
    public const int ConfigRegion = 0;

    /// <summary>The statistics region (4 words).</summary>
    public const int StatisticsRegion = 1;

    /// <summary>Assumed cycles to decode one event and hand it to the comms controller.</summary>
    public const int CyclesPerEvent = 20;

    private const int Received = 0;
    private const int Sent = 1;
    private const int Dropped = 2;
    private const int Malformed = 3;

    private ICoreContext _core = null!;
    private uint[] _config = null!;
    private uint[] _keys = null!;
    private uint[] _payloads = null!;
    private bool[] _hasPayload = null!;
    private uint[] _ring = null!; // head, count, timer running
    private uint[] _counts = null!;
    private SdramRegion _statistics = null!;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _config = context.AllocateDtcm<uint>(4);
        context.ReadSdram(context.GetSdramRegion(ConfigRegion), 0, _config.AsSpan());
        var capacity = (int)_config[2];
        _keys = context.AllocateDtcm<uint>(capacity);
        _payloads = context.AllocateDtcm<uint>(capacity);
        _hasPayload = context.AllocateDtcm<bool>(capacity);
        _ring = context.AllocateDtcm<uint>(3);
        _counts = context.AllocateDtcm<uint>(4);
        _statistics = context.AllocateSdram(StatisticsRegion, 4 * sizeof(uint));
        context.RegisterCallback(CallbackEvent.SdpMessage, CallbackPriority.FirstQueued);
        context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.LastQueued);
    }

    /// <inheritdoc/>
    public override void OnSdpMessage(int port, ReadOnlySpan<byte> data)
    {
        if (port != (int)_config[0] || !EieioMessage.TryReadHeader(data, out var count, out var withPayloads))
        {
            _counts[Malformed]++;
            Record();
            return;
        }

        var capacity = (uint)_keys.Length;
        for (var i = 0; i < count; i++)
        {
            _core.ChargeCycles(CyclesPerEvent);
            _counts[Received]++;
            if (_ring[1] == capacity)
            {
                _counts[Dropped]++;
                continue;
            }

            var (key, payload) = EieioMessage.ReadEvent(data, i, withPayloads);
            var slot = (_ring[0] + _ring[1]) % capacity;
            _keys[slot] = key;
            _payloads[slot] = payload;
            _hasPayload[slot] = withPayloads;
            _ring[1]++;
        }

        Drain();
    }

    /// <inheritdoc/>
    public override void OnTimerTick(uint tick) => Drain();

    private void Drain()
    {
        var capacity = (uint)_keys.Length;
        while (_ring[1] > 0)
        {
            _core.ChargeCycles(_config[3]);
            var slot = _ring[0];
            var sent = _hasPayload[slot] ? _core.Send(_keys[slot], _payloads[slot]) : _core.Send(_keys[slot]);
            if (!sent)
            {
                break;
            }

            _counts[Sent]++;
            _ring[0] = (slot + 1) % capacity;
            _ring[1]--;
        }

        // Retry on the timer only while events wait.
        if (_ring[1] > 0 && _ring[2] == 0)
        {
            _core.SetTimer(_config[1]);
            _ring[2] = 1;
        }
        else if (_ring[1] == 0 && _ring[2] != 0)
        {
            _core.SetTimer(0);
            _ring[2] = 0;
        }

        Record();
    }

    private void Record() => _core.WriteSdram<uint>(_statistics, 0, _counts);
}
