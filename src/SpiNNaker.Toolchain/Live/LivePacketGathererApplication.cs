using SpiNNaker.Simulator;

namespace SpiNNaker.Toolchain.Live;

/// <summary>
/// The core program of a <see cref="LivePacketGathererVertex"/> on the Ethernet chip: it
/// collects the multicast packets routed to it into an EIEIO-framed message and sends it to
/// the host by SDP when 31 events are in it, when an event of the other kind (with or without
/// payload) arrives, or on its flush timer. Counts go to SDRAM region
/// <see cref="StatisticsRegion"/>: events gathered, messages sent.
/// </summary>
public sealed class LivePacketGathererApplication : CoreApplication
{
    /// <summary>The configuration region: SDP port, flush period (us).</summary>
    public const int ConfigRegion = 0;

    /// <summary>The statistics region (2 words).</summary>
    public const int StatisticsRegion = 1;

    /// <summary>Assumed cycles to copy one packet into the message buffer.</summary>
    public const int CyclesPerEvent = 15;

    private ICoreContext _core = null!;
    private uint[] _config = null!;
    private byte[] _message = null!;
    private uint[] _state = null!; // count, with payloads
    private uint[] _counts = null!;
    private SdramRegion _statistics = null!;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _config = context.AllocateDtcm<uint>(2);
        context.ReadSdram(context.GetSdramRegion(ConfigRegion), 0, _config.AsSpan());
        _message = context.AllocateDtcm<byte>(EieioMessage.MaxBytes);
        _state = context.AllocateDtcm<uint>(2);
        _counts = context.AllocateDtcm<uint>(2);
        _statistics = context.AllocateSdram(StatisticsRegion, 2 * sizeof(uint));
        context.RegisterCallback(CallbackEvent.MulticastPacket, CallbackPriority.Fiq);
        context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.Fiq);
        context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.LastQueued);
        context.SetTimer(_config[1]);
    }

    /// <inheritdoc/>
    public override void OnMulticastPacket(uint key) => Gather(key, 0, withPayload: false);

    /// <inheritdoc/>
    public override void OnMulticastPacketWithPayload(uint key, uint payload) => Gather(key, payload, withPayload: true);

    /// <inheritdoc/>
    public override void OnTimerTick(uint tick) => Flush();

    private void Gather(uint key, uint payload, bool withPayload)
    {
        _core.ChargeCycles(CyclesPerEvent);
        if (_state[0] > 0 && (_state[1] != 0) != withPayload)
        {
            Flush();
        }

        _state[1] = withPayload ? 1u : 0u;
        EieioMessage.WriteEvent(_message, (int)_state[0], withPayload, key, payload);
        _state[0]++;
        _counts[0]++;
        if (_state[0] == EieioMessage.MaxEvents)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var count = (int)_state[0];
        if (count == 0)
        {
            return;
        }

        var withPayloads = _state[1] != 0;
        EieioMessage.WriteHeader(_message, count, withPayloads);
        _core.SendSdpToHost((int)_config[0], _message.AsSpan(0, EieioMessage.Length(count, withPayloads)));
        _state[0] = 0;
        _counts[1]++;
        _core.WriteSdram<uint>(_statistics, 0, _counts);
    }
}
