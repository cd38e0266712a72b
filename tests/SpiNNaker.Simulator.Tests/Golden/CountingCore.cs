namespace SpiNNaker.Simulator.Tests.Golden;

/// <summary>
/// The sim-traffic benchmark's core: one packet with its key on every timer tick, every
/// received packet counted in a FIQ callback (the count is written to SDRAM on each tick).
/// </summary>
internal sealed class CountingCore(uint key, int periodMicroseconds, int phaseMicroseconds) : CoreApplication
{
    public const int CountRegion = 1;

    private ICoreContext _core = null!;
    private uint[] _counters = null!;
    private SdramRegion _region = null!;

    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _counters = context.AllocateDtcm<uint>(2);
        _region = context.AllocateSdram(CountRegion, 8);
        context.RegisterCallback(CallbackEvent.MulticastPacket, CallbackPriority.Fiq);
        context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.Immediate);
        context.SetTimer(periodMicroseconds, phaseMicroseconds);
    }

    public override void OnTimerTick(uint tick)
    {
        if (_core.Send(key))
        {
            _counters[0]++;
        }

        _core.WriteSdram<uint>(_region, 0, _counters);
    }

    public override void OnMulticastPacket(uint key) => _counters[1]++;
}
