using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>
/// A core whose only callback (its first timer tick) calls Done, then works for
/// <paramref name="workCycles"/> and sends <paramref name="results"/> packets on its "results"
/// partition 400 cycles apart, result i with payload i * i: its output leaves long after the
/// callback began.
/// </summary>
internal sealed class HeavyFinisher(string label, int results, long workCycles) : MachineVertex(label)
{
    public override ResourceRequirements Resources => new(64, 8);

    public override int KeyCountFor(string partitionIdentifier) => results;

    public override CoreApplication CreateCoreApplication() => new HeavyFinisherApplication(results, workCycles);

    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context) =>
        [new DataRegionWriter().Write(context.KeysOf("results").FirstKey).ToRegion(0)];
}

internal sealed class HeavyFinisherApplication(int results, long workCycles) : CoreApplication
{
    private ICoreContext _core = null!;
    private uint[] _firstKey = null!;

    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _firstKey = context.AllocateDtcm<uint>(1);
        context.ReadSdram(context.GetSdramRegion(0), 0, _firstKey.AsSpan());
        context.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.FirstQueued);
        context.SetTimer(100);
    }

    public override void OnTimerTick(uint tick)
    {
        _core.Done();
        _core.ChargeCycles(workCycles);
        for (var i = 0u; i < results; i++)
        {
            _core.ChargeCycles(400);
            _core.Send(_firstKey[0] + i, i * i);
        }
    }
}
