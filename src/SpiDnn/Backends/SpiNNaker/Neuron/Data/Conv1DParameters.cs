using System.Runtime.InteropServices;
using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The parameter region of one Conv1D neuron: one output position of a layer, all its
/// filters. Its weights (per filter the kernel <c>[k, c]</c> flattened, then the bias) are in
/// <see cref="NeuronRegions.Weights"/>; every neuron of a layer holds the same copy.
/// </summary>
internal sealed record Conv1DParameters
{
    /// <summary>Timer and send loop.</summary>
    public required CoreTiming Timing { get; init; }

    /// <summary>Examples the run processes.</summary>
    public required int Examples { get; init; }

    /// <summary>The output position this neuron computes.</summary>
    public required int Position { get; init; }

    /// <summary>The number of neurons (positions) of the layer.</summary>
    public required int LayerSize { get; init; }

    /// <summary>The kernel width.</summary>
    public required int KernelSize { get; init; }

    /// <summary>Input channels (values each predecessor sends per example).</summary>
    public required int Channels { get; init; }

    /// <summary>Filters (output values per example).</summary>
    public required int Filters { get; init; }

    /// <summary>Kernel positions before the input's start (padding; no padding neurons exist).</summary>
    public required int LowerPadding { get; init; }

    /// <summary>Kernel positions after the input's end.</summary>
    public required int UpperPadding { get; init; }

    /// <summary>
    /// The forward key of the first connected predecessor: predecessor j of the window sends
    /// its channels in order with key <c>MinInputKey + j</c> (one counter per connection).
    /// </summary>
    public required uint MinInputKey { get; init; }

    /// <summary>The activation (softmax normalises over this position's filters).</summary>
    public required Activation Activation { get; init; }

    /// <summary>The first forward key; flattened neurons send filter f with <c>ForwardKey + f</c>, others all filters with <c>ForwardKey</c>.</summary>
    public required uint ForwardKey { get; init; }

    /// <summary>Whether the output is flattened (one key per filter: the next layer is Dense, or the host or loss reads it).</summary>
    public required bool Flattened { get; init; }

    /// <summary>Training settings, or null for inference.</summary>
    public Conv1DTraining? Training { get; init; }

    /// <summary>Connected predecessors (kernel positions inside the input).</summary>
    public int Window => KernelSize - LowerPadding - UpperPadding;

    /// <summary>Weights and biases of the layer: <c>Filters * (KernelSize * Channels + 1)</c>.</summary>
    public int WeightCount => Filters * ((KernelSize * Channels) + 1);

    /// <summary>The region's bytes.</summary>
    public byte[] Encode()
    {
        var w = new DataRegionWriter();
        Timing.Write(w);
        w.Write(Examples).Write(Position).Write(LayerSize).Write(KernelSize).Write(Channels).Write(Filters).Write(LowerPadding).Write(UpperPadding)
            .Write(MinInputKey).Write((int)Activation).Write(ForwardKey).Write(Flattened).Write(Training is not null);
        Training?.Write(w);
        return w.ToBytes();
    }

    /// <summary>Reads the region back (on the core).</summary>
    public static Conv1DParameters Decode(ReadOnlySpan<uint> words)
    {
        var r = new DataRegionReader(MemoryMarshal.AsBytes(words));
        var timing = CoreTiming.Read(ref r);
        var examples = r.Int();
        var position = r.Int();
        var layerSize = r.Int();
        var kernel = r.Int();
        var channels = r.Int();
        var filters = r.Int();
        var lower = r.Int();
        var upper = r.Int();
        var minInput = r.UInt();
        var activation = (Activation)r.Int();
        var forward = r.UInt();
        var flattened = r.Bool();
        var training = r.Bool() ? Conv1DTraining.Read(ref r) : null;
        return new Conv1DParameters
        {
            Timing = timing,
            Examples = examples,
            Position = position,
            LayerSize = layerSize,
            KernelSize = kernel,
            Channels = channels,
            Filters = filters,
            LowerPadding = lower,
            UpperPadding = upper,
            MinInputKey = minInput,
            Activation = activation,
            ForwardKey = forward,
            Flattened = flattened,
            Training = training,
        };
    }
}

/// <summary>What sends errors to a trainable Conv1D neuron.</summary>
internal enum ConvSuccessorKind
{
    /// <summary>The loss vertex: one error per filter, key <c>MinSuccessorKey + f</c>.</summary>
    Loss,

    /// <summary>A Dense layer reading the flattened output.</summary>
    Dense,

    /// <summary>A Conv1D layer whose windows contain this position.</summary>
    Conv,
}

/// <summary>The training part of a Conv1D neuron's parameters.</summary>
internal sealed record Conv1DTraining
{
    /// <summary>The training loop.</summary>
    public required TrainingSchedule Schedule { get; init; }

    /// <summary>How errors travel backwards.</summary>
    public required BackwardVariant Variant { get; init; }

    /// <summary>Whether the loss vertex sends the gradient with respect to the pre-activations (softmax with categorical cross-entropy, sigmoid with binary cross-entropy).</summary>
    public required bool ErrorIsPreActivation { get; init; }

    /// <summary>Whether the previous layer is the input (one packet to the host per example instead of errors).</summary>
    public required bool IsFirst { get; init; }

    /// <summary>The neuron's backward key.</summary>
    public required uint BackwardKey { get; init; }

    /// <summary>The neuron's kernel-update key.</summary>
    public required uint KernelUpdateKey { get; init; }

    /// <summary>The kernel-update key of position 0 of the layer (neuron q sends <c>MinKernelUpdateKey + q</c>).</summary>
    public required uint MinKernelUpdateKey { get; init; }

    /// <summary>What sends the errors.</summary>
    public required ConvSuccessorKind SuccessorKind { get; init; }

    /// <summary>The backward key of the first successor (loss: the error key of filter 0).</summary>
    public required uint MinSuccessorKey { get; init; }

    /// <summary>Successor neurons that send errors (loss: the number of filters).</summary>
    public required int SuccessorCount { get; init; }

    /// <summary>
    /// Multicast-each-error: per successor, the position in its error sequence of the packet
    /// for this neuron's filter 0 (filters follow consecutively).
    /// </summary>
    public required int[] AcceptFrom { get; init; }

    /// <summary>
    /// Packets all successors send to this neuron per example (the whole sequences with
    /// multicast each error): the backward stage ends when all have arrived.
    /// </summary>
    public required int ErrorPackets { get; init; }

    /// <summary>Writes the words.</summary>
    public void Write(DataRegionWriter w)
    {
        Schedule.Write(w);
        w.Write((int)Variant).Write(ErrorIsPreActivation).Write(IsFirst).Write(BackwardKey).Write(KernelUpdateKey).Write(MinKernelUpdateKey)
            .Write((int)SuccessorKind).Write(MinSuccessorKey).Write(SuccessorCount).Write(ErrorPackets).Write(AcceptFrom.Length);
        foreach (var a in AcceptFrom)
        {
            w.Write(a);
        }
    }

    /// <summary>Reads the words.</summary>
    public static Conv1DTraining Read(ref DataRegionReader r)
    {
        var schedule = TrainingSchedule.Read(ref r);
        var variant = (BackwardVariant)r.Int();
        var preActivation = r.Bool();
        var first = r.Bool();
        var backward = r.UInt();
        var kernelUpdate = r.UInt();
        var minKernelUpdate = r.UInt();
        var kind = (ConvSuccessorKind)r.Int();
        var minSuccessor = r.UInt();
        var successors = r.Int();
        var packets = r.Int();
        var accept = new int[r.Int()];
        for (var i = 0; i < accept.Length; i++)
        {
            accept[i] = r.Int();
        }
        return new Conv1DTraining
        {
            Schedule = schedule,
            Variant = variant,
            ErrorIsPreActivation = preActivation,
            IsFirst = first,
            BackwardKey = backward,
            KernelUpdateKey = kernelUpdate,
            MinKernelUpdateKey = minKernelUpdate,
            SuccessorKind = kind,
            MinSuccessorKey = minSuccessor,
            SuccessorCount = successors,
            AcceptFrom = accept,
            ErrorPackets = packets,
        };
    }
}
