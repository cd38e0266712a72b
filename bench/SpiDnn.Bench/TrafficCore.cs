using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// The sim-traffic core application: on every timer tick it multicasts one packet with its
/// key (the tables send it to its k targets); it takes every packet it receives in a FIQ
/// callback that only counts it.
/// </summary>
internal sealed class TrafficCore(uint key, long periodMicroseconds, long phaseMicroseconds) : CoreApplication
{
    private ICoreContext _core = null!;
    private uint[] _counters = null!;

    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _counters = context.AllocateDtcm<uint>(2);
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
    }

    public override void OnMulticastPacket(uint key) => _counters[1]++;
}
