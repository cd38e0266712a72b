using System.Runtime.InteropServices;
using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The parameter region of the loss vertex. The keys it sends each output value's error with
/// (one per output value, in output order) are in <see cref="NeuronRegions.Keys"/>.
/// </summary>
internal sealed record LossParameters
{
    /// <summary>Timer and send loop.</summary>
    public required CoreTiming Timing { get; init; }

    /// <summary>The training loop (the batch size scales the gradient of the batch-mean loss).</summary>
    public required TrainingSchedule Schedule { get; init; }

    /// <summary>The loss.</summary>
    public required Loss Loss { get; init; }

    /// <summary>The output layer's activation (softmax with categorical and sigmoid with binary cross-entropy fuse).</summary>
    public required Activation OutputActivation { get; init; }

    /// <summary>Output values per example.</summary>
    public required int OutputCount { get; init; }

    /// <summary>Values per loss row (the output's last axis).</summary>
    public required int RowWidth { get; init; }

    /// <summary>The forward key of output value 0 (value i arrives with <c>MinOutputKey + i</c>).</summary>
    public required uint MinOutputKey { get; init; }

    /// <summary>The label key of value 0 (label i arrives with <c>MinLabelKey + i</c>).</summary>
    public required uint MinLabelKey { get; init; }

    /// <summary>The key of the example's summed row losses to the host; the next key carries the number of correct rows.</summary>
    public required uint ReportKey { get; init; }

    /// <summary>Whether the loss is taken from the pre-activations (the fused pairs): the output neurons then skip their activation derivative.</summary>
    public bool Fused => (Loss == Loss.CategoricalCrossEntropy && OutputActivation == Activation.Softmax)
        || (Loss == Loss.BinaryCrossEntropy && OutputActivation == Activation.Sigmoid);

    /// <summary>The region's bytes.</summary>
    public byte[] Encode()
    {
        var w = new DataRegionWriter();
        Timing.Write(w);
        Schedule.Write(w);
        w.Write((int)Loss).Write((int)OutputActivation).Write(OutputCount).Write(RowWidth).Write(MinOutputKey).Write(MinLabelKey).Write(ReportKey);
        return w.ToBytes();
    }

    /// <summary>Reads the region back (on the core).</summary>
    public static LossParameters Decode(ReadOnlySpan<uint> words)
    {
        var r = new DataRegionReader(MemoryMarshal.AsBytes(words));
        return new LossParameters
        {
            Timing = CoreTiming.Read(ref r),
            Schedule = TrainingSchedule.Read(ref r),
            Loss = (Loss)r.Int(),
            OutputActivation = (Activation)r.Int(),
            OutputCount = r.Int(),
            RowWidth = r.Int(),
            MinOutputKey = r.UInt(),
            MinLabelKey = r.UInt(),
            ReportKey = r.UInt(),
        };
    }
}
