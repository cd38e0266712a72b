using System.Runtime.InteropServices;
using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The parameter region of one Dense neuron (a perceptron core), in word order. Its weights
/// (the neuron's kernel column, then the bias) are in <see cref="NeuronRegions.Weights"/>;
/// with shared parameters, a hidden neuron's copy of its row of the next kernel is in
/// <see cref="NeuronRegions.NextWeights"/>.
/// </summary>
internal sealed record PerceptronParameters
{
    /// <summary>Timer and send loop.</summary>
    public required CoreTiming Timing { get; init; }

    /// <summary>Examples the run processes (predictions, or every training example of every epoch).</summary>
    public required int Examples { get; init; }

    /// <summary>The neuron's index in its layer (its position in each successor's error sequence).</summary>
    public required int NeuronIndex { get; init; }

    /// <summary>Inputs per example (the previous layer's outputs, flattened).</summary>
    public required int InputCount { get; init; }

    /// <summary>The forward key of input 0: input i arrives with key <c>MinInputKey + i</c>.</summary>
    public required uint MinInputKey { get; init; }

    /// <summary>The key the neuron sends its output with.</summary>
    public required uint ForwardKey { get; init; }

    /// <summary>The activation.</summary>
    public required Activation Activation { get; init; }

    /// <summary>Softmax layers: the key this neuron sends its exp value (and, training, its error times output) with.</summary>
    public uint SoftmaxKey { get; init; }

    /// <summary>Softmax layers: the first softmax key of the layer (neuron i sends <c>MinSoftmaxKey + i</c>).</summary>
    public uint MinSoftmaxKey { get; init; }

    /// <summary>Softmax layers: the number of neurons in the layer (1 when there is nothing to exchange).</summary>
    public int SoftmaxGroupSize { get; init; } = 1;

    /// <summary>Training settings, or null for inference.</summary>
    public PerceptronTraining? Training { get; init; }

    /// <summary>The region's bytes.</summary>
    public byte[] Encode()
    {
        var w = new DataRegionWriter();
        Timing.Write(w);
        w.Write(Examples).Write(NeuronIndex).Write(InputCount).Write(MinInputKey).Write(ForwardKey).Write((int)Activation)
            .Write(SoftmaxKey).Write(MinSoftmaxKey).Write(SoftmaxGroupSize).Write(Training is not null);
        Training?.Write(w);
        return w.ToBytes();
    }

    /// <summary>Reads the region back (on the core).</summary>
    public static PerceptronParameters Decode(ReadOnlySpan<uint> words)
    {
        var r = new DataRegionReader(MemoryMarshal.AsBytes(words));
        var timing = CoreTiming.Read(ref r);
        var examples = r.Int();
        var index = r.Int();
        var inputs = r.Int();
        var minInput = r.UInt();
        var forward = r.UInt();
        var activation = (Activation)r.Int();
        var softmaxKey = r.UInt();
        var minSoftmax = r.UInt();
        var group = r.Int();
        var training = r.Bool() ? PerceptronTraining.Read(ref r) : null;
        return new PerceptronParameters
        {
            Timing = timing,
            Examples = examples,
            NeuronIndex = index,
            InputCount = inputs,
            MinInputKey = minInput,
            ForwardKey = forward,
            Activation = activation,
            SoftmaxKey = softmaxKey,
            MinSoftmaxKey = minSoftmax,
            SoftmaxGroupSize = group,
            Training = training,
        };
    }
}

/// <summary>The training part of a perceptron's parameters.</summary>
internal sealed record PerceptronTraining
{
    /// <summary>The training loop.</summary>
    public required TrainingSchedule Schedule { get; init; }

    /// <summary>How errors travel backwards.</summary>
    public required BackwardVariant Variant { get; init; }

    /// <summary>Whether the neuron is in the output layer (its error comes from the loss vertex).</summary>
    public required bool IsOutput { get; init; }

    /// <summary>
    /// Output layer only: the loss vertex sends the gradient with respect to the
    /// pre-activation (softmax with categorical cross-entropy, sigmoid with binary
    /// cross-entropy), so no activation derivative is applied.
    /// </summary>
    public required bool ErrorIsPreActivation { get; init; }

    /// <summary>Whether the previous layer is the input (the neuron sends one packet backwards, to the host, when its example is done).</summary>
    public required bool IsFirst { get; init; }

    /// <summary>The neuron's backward key.</summary>
    public required uint BackwardKey { get; init; }

    /// <summary>The backward key of successor 0 (output layer: the loss vertex's error key for this neuron).</summary>
    public required uint MinSuccessorKey { get; init; }

    /// <summary>Neurons of the next layer (1 for the output layer: the loss vertex).</summary>
    public required int SuccessorCount { get; init; }

    /// <summary>
    /// Packets each successor sends per example: 1, or with multicast each error the size of
    /// this layer (one per input of the successor). The backward stage ends only when every
    /// packet of every successor has arrived: a neuron that stopped at its own packet would
    /// count the rest of the senders' sequences as the next example's.
    /// </summary>
    public required int PacketsPerSuccessor { get; init; }

    /// <summary>Writes the words.</summary>
    public void Write(DataRegionWriter w)
    {
        Schedule.Write(w);
        w.Write((int)Variant).Write(IsOutput).Write(ErrorIsPreActivation).Write(IsFirst).Write(BackwardKey).Write(MinSuccessorKey).Write(SuccessorCount)
            .Write(PacketsPerSuccessor);
    }

    /// <summary>Reads the words.</summary>
    public static PerceptronTraining Read(ref DataRegionReader r) => new()
    {
        Schedule = TrainingSchedule.Read(ref r),
        Variant = (BackwardVariant)r.Int(),
        IsOutput = r.Bool(),
        ErrorIsPreActivation = r.Bool(),
        IsFirst = r.Bool(),
        BackwardKey = r.UInt(),
        MinSuccessorKey = r.UInt(),
        SuccessorCount = r.Int(),
        PacketsPerSuccessor = r.Int(),
    };
}
