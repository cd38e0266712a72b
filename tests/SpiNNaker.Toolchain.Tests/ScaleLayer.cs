using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>
/// A toy layer for the end-to-end tests, used the way the SpiDnn backend uses the toolchain:
/// atom i receives x_i (a float payload) on the one partition that reaches it, multiplies it
/// by its weight w_i (loaded in its SDRAM data) and sends y_i = w_i x_i with its own
/// "forward" key i; every core writes its y values to SDRAM region 1 and calls Done.
/// </summary>
internal sealed class ScaleLayer(string label, float[] weights, int atomsPerCore) : ApplicationVertex(label, weights.Length, atomsPerCore)
{
    /// <summary>The weights; change them and reload to run again with new data.</summary>
    public float[] Weights { get; set; } = weights;

    public override ResourceRequirements ResourcesFor(Slice slice) => new(64 + (slice.Count * 12), 12 + (slice.Count * 8));

    public override MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources) => new ScaleCore(this, resources);
}

internal sealed class ScaleCore(ScaleLayer layer, ResourceRequirements resources) : MachineVertex($"{layer.Label}-core")
{
    public override ResourceRequirements Resources => resources;

    public override CoreApplication CreateCoreApplication() => new ScaleApplication();

    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context)
    {
        // The input partition's key for atom i is its first key + i (the keys are consecutive).
        var input = context.KeysOf(context.IncomingPartitions.Single());
        return
        [
            new DataRegionWriter()
                .Write(input.FirstKey + (uint)Slice.LoAtom)
                .Write((uint)Slice.Count)
                .Write(context.KeysOf("forward").FirstKey)
                .Write(layer.Weights.AsSpan(Slice.LoAtom, Slice.Count))
                .ToRegion(0),
        ];
    }
}

internal sealed class ScaleApplication : CoreApplication
{
    private ICoreContext _core = null!;
    private uint[] _config = null!; // first input key, count, first output key, received
    private float[] _weights = null!;
    private float[] _results = null!;
    private SdramRegion _output = null!;

    public override void OnStart(ICoreContext context)
    {
        _core = context;
        _config = context.AllocateDtcm<uint>(4);
        var data = context.GetSdramRegion(0);
        context.ReadSdram(data, 0, _config.AsSpan(0, 3));
        _weights = context.AllocateDtcm<float>((int)_config[1]);
        _results = context.AllocateDtcm<float>((int)_config[1]);
        context.ReadSdram(data, 12, _weights.AsSpan());
        _output = context.AllocateSdram(1, _results.Length * sizeof(float));
        context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.Fiq);
    }

    public override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        _core.ChargeCycles(_core.Cost.FloatArithmetic.Compare);
        var i = key - _config[0];
        if (i >= _config[1])
        {
            return; // another core's atom
        }

        _core.ChargeCycles(_core.Cost.FloatArithmetic.Multiply);
        var y = _weights[i] * BitConverter.UInt32BitsToSingle(payload);
        _results[i] = y;
        _core.Send(_config[2] + i, BitConverter.SingleToUInt32Bits(y));
        if (++_config[3] == _config[1])
        {
            _core.WriteSdram<float>(_output, 0, _results);
            _core.Done();
        }
    }
}
