using SpiNNaker.Simulator;

namespace SpiNNaker.GameOfLife;

/// <summary>
/// One Game of Life cell on one core. It multicasts its state with its key (payload:
/// generation &lt;&lt; 1 | alive) on its next timer tick, counts its neighbours' states per
/// generation in a FIQ packet callback, and when all of them have arrived (and its own state
/// has gone out) computes the next state in a queued user-event callback. Every state it
/// takes is written to an SDRAM history region that the host reads after the run.
/// Neighbours may be one generation ahead (they need only this cell's previous state), so
/// counts are kept for two generations by parity. Sending on timer ticks whose phases differ
/// per core spreads the packets in time: sending at once from every core makes bursts that
/// block routers (a router is one pipeline, held up by any busy core) until they drop.
/// </summary>
/// <remarks>
/// Region <see cref="ConfigRegion"/> (loaded by the host, little-endian 32-bit words):
/// key, generations, initial state (0/1), number of neighbours, timer period (us), timer
/// phase (us).
/// Region <see cref="HistoryRegion"/> (allocated by the cell): one byte per generation 0..G,
/// then a 32-bit count of packets that belonged to no expected generation (0 when correct).
/// </remarks>
public sealed class LifeCell : CoreApplication
{
    /// <summary>The configuration region id.</summary>
    public const int ConfigRegion = 0;

    /// <summary>The history region id.</summary>
    public const int HistoryRegion = 1;

    private const int Key = 0;
    private const int Generations = 1;
    private const int Alive = 2;
    private const int Neighbours = 3;
    private const int Generation = 4;
    private const int Unexpected = 5;
    private const int SendPending = 6;
    private const int Period = 7;
    private const int Phase = 8;

    // Assumed integer work per packet (decode, count) and per generation (rule, bookkeeping).
    private const int CyclesPerPacket = 10;
    private const int CyclesPerRule = 30;

    private ICoreContext _core = null!;
    private uint[] _state = null!;
    private uint[] _count = null!;
    private uint[] _live = null!;
    private byte[] _oneByte = null!;
    private SdramRegion _history = null!;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _state = context.AllocateDtcm<uint>(9);
        _count = context.AllocateDtcm<uint>(2);
        _live = context.AllocateDtcm<uint>(2);
        _oneByte = context.AllocateDtcm<byte>(1);
        var config = context.GetSdramRegion(ConfigRegion);
        context.ReadSdram(config, 0, _state.AsSpan(0, 4));
        context.ReadSdram(config, 16, _state.AsSpan(Period, 2));
        context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.Fiq);
        context.RegisterCallback(CallbackEvent.UserEvent, CallbackPriority.FirstQueued);
        context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.LastQueued);
        _history = context.AllocateSdram(HistoryRegion, (int)_state[Generations] + 1 + sizeof(uint));
        Record();
        if (_state[Generations] == 0)
        {
            Finish();
            return;
        }

        _state[SendPending] = 1;
        context.SetTimer(_state[Period], _state[Phase]);
    }

    /// <inheritdoc/>
    public override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        _core.ChargeCycles(CyclesPerPacket);
        var generation = payload >> 1;
        var current = _state[Generation];
        if (generation != current && generation != current + 1)
        {
            _state[Unexpected]++;
            return;
        }

        var parity = generation & 1;
        _count[parity]++;
        _live[parity] += payload & 1;
        if (generation == current && _count[parity] == _state[Neighbours] && _state[SendPending] == 0)
        {
            _core.TriggerUserEvent();
        }
    }

    /// <inheritdoc/>
    public override void OnTimerTick(uint tick)
    {
        if (_state[SendPending] == 0)
        {
            return;
        }

        _core.Send(_state[Key], (_state[Generation] << 1) | _state[Alive]);
        _state[SendPending] = 0;
        if (_count[_state[Generation] & 1] == _state[Neighbours])
        {
            _core.TriggerUserEvent();
        }
    }

    /// <inheritdoc/>
    public override void OnUserEvent(uint argument0, uint argument1)
    {
        _core.ChargeCycles(CyclesPerRule);
        var parity = _state[Generation] & 1;
        var live = (int)_live[parity];
        _count[parity] = 0;
        _live[parity] = 0;
        _state[Alive] = LifeGrid.Rule(_state[Alive] != 0, live) ? 1u : 0u;
        _state[Generation]++;
        Record();
        if (_state[Generation] == _state[Generations])
        {
            Finish();
            return;
        }

        _state[SendPending] = 1;
    }

    private void Record()
    {
        _oneByte[0] = (byte)_state[Alive];
        _core.WriteSdram<byte>(_history, (int)_state[Generation], _oneByte);
    }

    private void Finish()
    {
        _core.WriteSdram<uint>(_history, (int)_state[Generations] + 1, _state.AsSpan(Unexpected, 1));
        _core.Done();
    }
}
