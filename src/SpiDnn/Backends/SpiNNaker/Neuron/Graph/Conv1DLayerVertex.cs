using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiDnn.Layers;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// A Conv1D layer: one neuron core per output position, computing all filters. Kernel
/// positions outside the input are not connected (lower and upper padding offsets instead
/// of padding neurons); strides select which inputs a position connects to.
/// </summary>
internal sealed class Conv1DLayerVertex : NeuronLayerVertex
{
    /// <summary>Creates the layer vertex of <paramref name="layer"/>.</summary>
    public Conv1DLayerVertex(NeuronRun run, Conv1D layer)
        : base(run, layer.Name, layer.OutputSteps, layer.Filters, 1) => Layer = layer;

    /// <summary>The model's layer.</summary>
    public Conv1D Layer { get; }

    /// <summary>The loss vertex, when this is the output layer of a training run.</summary>
    public LossVertex? Loss { get; set; }

    /// <summary>Weights and biases: <c>filters * (kernel * channels + 1)</c>.</summary>
    public int WeightCount => Layer.Filters * ((Layer.KernelSize * Layer.Channels) + 1);

    /// <summary>The input position under kernel slot 0 of position <paramref name="p"/> (negative inside the lower padding).</summary>
    public int WindowStart(int p) => (p * Layer.Stride) - Layer.PadBefore;

    /// <summary>Kernel slots of position <paramref name="p"/> before the input's start.</summary>
    public int LowerPadding(int p) => Math.Max(0, -WindowStart(p));

    /// <summary>Kernel slots of position <paramref name="p"/> after the input's end.</summary>
    public int UpperPadding(int p) => Math.Max(0, WindowStart(p) + Layer.KernelSize - Layer.InputSteps);

    /// <summary>The first input position position <paramref name="p"/> connects to.</summary>
    public int FirstConnected(int p) => WindowStart(p) + LowerPadding(p);

    /// <summary>The input positions position <paramref name="p"/> connects to.</summary>
    public int WindowOf(int p) => Layer.KernelSize - LowerPadding(p) - UpperPadding(p);

    /// <summary>Every (input position, output position) connection.</summary>
    public IEnumerable<(int Pre, int Post)> Connections()
    {
        for (var p = 0; p < AtomCount; p++)
        {
            var first = FirstConnected(p);
            for (var j = 0; j < WindowOf(p); j++)
            {
                yield return (first + j, p);
            }
        }
    }

    /// <summary>The output positions whose windows contain input position <paramref name="q"/> (a contiguous range, possibly empty).</summary>
    public (int First, int Last) PositionsReading(int q)
    {
        var first = -1;
        var last = -2;
        for (var p = 0; p < AtomCount; p++)
        {
            var start = FirstConnected(p);
            if (q >= start && q < start + WindowOf(p))
            {
                if (first < 0)
                {
                    first = p;
                }
                last = p;
            }
        }
        return (first, last);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// What <see cref="Conv1DNeuronCore"/> allocates: the common globals and status, its
    /// parameters (with one word per successor), the send queue (its filters, one error per
    /// window input, the kernel stream), weights, inputs, connection counters, outputs, and for
    /// training errors, deltas, the batch gradient, a counter and a sequence position per
    /// successor, the copy of the next Dense rows with their gradients (shared parameters), and
    /// the kernel exchange's counters, chunk and SDRAM slot table.
    /// </remarks>
    public override ResourceRequirements ResourcesFor(Slice slice)
    {
        var layer = Layer;
        var f = layer.Filters;
        var window = layer.KernelSize * layer.Channels;
        var w = WeightCount;
        var p = AtomCount;
        var successors = Next?.AtomCount ?? f;
        var parameterWords = 40 + (Run.Training ? successors : 0);
        var dtcm = NeuronCoreVertex.BaseDtcmBytes + NeuronCoreVertex.Words(parameterWords)
            + NeuronCoreVertex.SendQueueBytes(f + window + 8)
            + (w * 4) + (window * 4) + (layer.KernelSize * 4) + (f * 4);
        long sdram = NeuronCoreVertex.Words(parameterWords) + (w * 4) + NeuronCoreVertex.BaseSdramBytes;
        if (Run.Training)
        {
            dtcm += (2 * f * 4) + (w * 4) + (successors * 8);
            if (Run.Variant == BackwardVariant.SharedParameters && Next is PerceptronLayerVertex)
            {
                dtcm += 2 * f * successors * 4;
                sdram += f * successors * 4;
            }
            if (p > 1)
            {
                dtcm += (p * 4) + 8 + (64 * 4);
                sdram += 2L * p * w * 4;
            }
        }
        return new ResourceRequirements(dtcm, sdram);
    }

    /// <inheritdoc/>
    public override MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources) => new Conv1DNeuronVertex(this, slice.LoAtom, resources);
}

/// <summary>One Conv1D neuron (one output position, all filters).</summary>
internal sealed class Conv1DNeuronVertex : NeuronCoreVertex
{
    private readonly Conv1DLayerVertex _layer;
    private readonly int _position;

    /// <summary>Creates the neuron of position <paramref name="position"/>.</summary>
    public Conv1DNeuronVertex(Conv1DLayerVertex layer, int position, ResourceRequirements resources)
        : base($"{layer.Label}/{position}", resources)
    {
        _layer = layer;
        _position = position;
    }

    /// <summary>The layer.</summary>
    public Conv1DLayerVertex Layer => _layer;

    /// <summary>The position.</summary>
    public int Position => _position;

    /// <inheritdoc/>
    public override int KeyCountFor(string partitionIdentifier) =>
        partitionIdentifier == Partitions.Forward ? _layer.ForwardKeysPerNeuron : 1;

    /// <inheritdoc/>
    public override string Describe() => $"layer '{_layer.Label}' neuron {_position}";

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new Conv1DNeuronCore();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context)
    {
        var layer = _layer;
        var conv = layer.Layer;
        var run = layer.Run;
        var p = _position;
        var parameters = new Conv1DParameters
        {
            Timing = run.TimingFor(context.Core),
            Examples = run.Examples,
            Position = p,
            LayerSize = layer.AtomCount,
            KernelSize = conv.KernelSize,
            Channels = conv.Channels,
            Filters = conv.Filters,
            LowerPadding = layer.LowerPadding(p),
            UpperPadding = layer.UpperPadding(p),
            // The previous layer sends one key per neuron (all its channels in order): the
            // key of the first connected position plus j is connection j.
            MinInputKey = context.ApplicationKeyRange(layer.Previous!, Partitions.Forward).FirstKey + (uint)layer.FirstConnected(p),
            Activation = conv.Activation,
            ForwardKey = context.KeysOf(Partitions.Forward).FirstKey,
            Flattened = layer.KeyPerValue,
            Training = run.Training ? TrainingParameters(context) : null,
        };

        // Per filter: the kernel [k, c] in Keras order, then the bias.
        var kernel = conv.Weights[0].ReadOnlySpan;
        var bias = conv.Weights[1].ReadOnlySpan;
        var filters = conv.Filters;
        var weights = new DataRegionWriter();
        for (var f = 0; f < filters; f++)
        {
            for (var kc = 0; kc < conv.KernelSize * conv.Channels; kc++)
            {
                weights.Write(kernel[(kc * filters) + f]);
            }
            weights.Write(bias[f]);
        }
        var regions = new List<SdramRegionData>
        {
            new(NeuronRegions.Parameters, parameters.Encode()),
            new(NeuronRegions.Weights, weights.ToBytes()),
        };
        if (parameters.Training is { Variant: BackwardVariant.SharedParameters, SuccessorKind: ConvSuccessorKind.Dense } && layer.Next is PerceptronLayerVertex next)
        {
            // Shared parameters: the rows of the Dense kernel this position's filters feed,
            // filter-major: [f * m + i] = kernel[(p * F + f), i].
            var m = next.Layer.Units;
            var nextKernel = next.Layer.Weights[0].ReadOnlySpan;
            var rows = new DataRegionWriter();
            for (var f = 0; f < filters; f++)
            {
                rows.Write(nextKernel.Slice(((p * filters) + f) * m, m));
            }
            regions.Add(new SdramRegionData(NeuronRegions.NextWeights, rows.ToBytes()));
        }
        return regions;
    }

    private Conv1DTraining TrainingParameters(DataGenerationContext context)
    {
        var layer = _layer;
        var run = layer.Run;
        var p = _position;
        var filters = layer.Layer.Filters;
        var kind = layer.Next switch
        {
            null => ConvSuccessorKind.Loss,
            PerceptronLayerVertex => ConvSuccessorKind.Dense,
            _ => ConvSuccessorKind.Conv,
        };
        uint minSuccessor;
        int successors;
        int[] accept;
        int packets;
        switch (layer.Next)
        {
            case null:
                minSuccessor = context.Mapping.KeysOf(layer.Loss!, Partitions.LossError(p)).FirstKey;
                successors = filters;
                accept = [];
                packets = filters;
                break;
            case PerceptronLayerVertex dense:
                minSuccessor = context.ApplicationKeyRange(dense, Partitions.Backward).FirstKey;
                successors = dense.AtomCount;
                // Each Dense neuron sends one error per flattened input, position-major.
                accept = run.Variant == BackwardVariant.MulticastEachError ? [.. Enumerable.Repeat(p * filters, successors)] : [];
                packets = run.Variant == BackwardVariant.MulticastEachError ? successors * dense.InputCount : successors;
                break;
            case Conv1DLayerVertex conv:
                var (first, last) = conv.PositionsReading(p);
                minSuccessor = context.ApplicationKeyRange(conv, Partitions.Backward).FirstKey + (uint)Math.Max(first, 0);
                successors = last - first + 1;
                // Successor i sends one error per window input and channel: this position's
                // channels sit at its slot in i's window.
                accept = [.. Enumerable.Range(first, successors).Select(i => (p - conv.FirstConnected(i)) * filters)];
                packets = Enumerable.Range(first, successors).Sum(i => conv.WindowOf(i) * filters);
                break;
            default:
                throw new InvalidOperationException($"layer '{layer.Label}' is followed by an unsupported layer vertex {layer.Next.GetType().Name}");
        }
        return new Conv1DTraining
        {
            Schedule = run.Schedule!.Value,
            Variant = run.Variant,
            ErrorIsPreActivation = kind == ConvSuccessorKind.Loss && LossVertex.IsFused(run.Loss!.Value, layer.Layer.Activation),
            IsFirst = layer.Previous is InputLayerVertex,
            BackwardKey = context.KeysOf(Partitions.Backward).FirstKey,
            KernelUpdateKey = layer.AtomCount > 1 ? context.KeysOf(Partitions.KernelUpdate).FirstKey : 0,
            MinKernelUpdateKey = layer.AtomCount > 1 ? context.ApplicationKeyRange(layer, Partitions.KernelUpdate).FirstKey : 0,
            SuccessorKind = kind,
            MinSuccessorKey = minSuccessor,
            SuccessorCount = successors,
            AcceptFrom = accept,
            ErrorPackets = packets,
        };
    }
}
