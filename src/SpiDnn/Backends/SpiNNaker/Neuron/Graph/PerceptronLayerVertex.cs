using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiDnn.Layers;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>A Dense layer: one perceptron core per unit.</summary>
internal sealed class PerceptronLayerVertex : NeuronLayerVertex
{
    /// <summary>Creates the layer vertex of <paramref name="layer"/>.</summary>
    public PerceptronLayerVertex(NeuronRun run, Dense layer)
        : base(run, layer.Name, layer.Units, 1, 1) => Layer = layer;

    /// <summary>The model's layer (its weights are read when data is generated).</summary>
    public Dense Layer { get; }

    /// <summary>The loss vertex, when this is the output layer of a training run.</summary>
    public LossVertex? Loss { get; set; }

    /// <summary>Inputs per neuron.</summary>
    public int InputCount => Layer.InputLength;

    /// <summary>Whether the neurons exchange values on a softmax partition.</summary>
    public bool ExchangesSoftmax => Layer.Activation == Activation.Softmax && Layer.Units > 1;

    /// <summary>The neurons of the next layer (0 for the output layer).</summary>
    public int SuccessorCount => Next?.AtomCount ?? 0;

    /// <summary>Words of a perceptron's parameter region (the training part included).</summary>
    public const int ParameterWords = 32;

    /// <inheritdoc/>
    /// <remarks>
    /// What <see cref="PerceptronCore"/> allocates: the common globals and status, its
    /// parameters, the send queue (an entry per input when it multicasts each error), inputs
    /// and their flags, weights, and for training the gradients and, by variant, the copy of
    /// the next kernel row with its gradients or a counter per next neuron.
    /// </remarks>
    public override ResourceRequirements ResourcesFor(Slice slice)
    {
        var n = InputCount;
        var m = SuccessorCount;
        var training = Run.Training;
        var multicasts = training && Previous is not InputLayerVertex && Run.Variant == BackwardVariant.MulticastEachError;
        var shared = training && m > 0 && Run.Variant == BackwardVariant.SharedParameters;
        var counters = training && m > 0 && Run.Variant == BackwardVariant.MulticastEachError;
        var dtcm = NeuronCoreVertex.BaseDtcmBytes + NeuronCoreVertex.Words(ParameterWords)
            + NeuronCoreVertex.SendQueueBytes(multicasts ? n + 4 : 4)
            + (n * 5) + ((n + 1) * 4);
        if (training)
        {
            dtcm += ((n + 1) * 4) + (shared ? 8 * m : 0) + (counters ? 4 * m : 0);
        }
        var sdram = NeuronCoreVertex.Words(ParameterWords) + ((n + 1) * 4) + (shared ? 4 * m : 0) + NeuronCoreVertex.BaseSdramBytes;
        return new ResourceRequirements(dtcm, sdram);
    }

    /// <inheritdoc/>
    public override MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources) => new PerceptronVertex(this, slice.LoAtom, resources);
}

/// <summary>One Dense neuron.</summary>
internal sealed class PerceptronVertex : NeuronCoreVertex
{
    private readonly PerceptronLayerVertex _layer;
    private readonly int _neuron;

    /// <summary>Creates neuron <paramref name="neuron"/> of <paramref name="layer"/>.</summary>
    public PerceptronVertex(PerceptronLayerVertex layer, int neuron, ResourceRequirements resources)
        : base($"{layer.Label}/{neuron}", resources)
    {
        _layer = layer;
        _neuron = neuron;
    }

    /// <summary>The layer.</summary>
    public PerceptronLayerVertex Layer => _layer;

    /// <summary>The neuron's index in its layer.</summary>
    public int Neuron => _neuron;

    /// <inheritdoc/>
    public override string Describe() => $"layer '{_layer.Label}' neuron {_neuron}";

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new PerceptronCore();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context)
    {
        var layer = _layer;
        var run = layer.Run;
        var dense = layer.Layer;
        var n = layer.InputCount;
        var units = dense.Units;
        var previous = layer.Previous!;
        var parameters = new PerceptronParameters
        {
            Timing = run.TimingFor(context.Core),
            Examples = run.Examples,
            NeuronIndex = _neuron,
            InputCount = n,
            MinInputKey = context.ApplicationKeyRange(previous, Partitions.Forward).FirstKey,
            ForwardKey = context.KeysOf(Partitions.Forward).FirstKey,
            Activation = dense.Activation,
            SoftmaxKey = layer.ExchangesSoftmax ? context.KeysOf(Partitions.Softmax).FirstKey : 0,
            MinSoftmaxKey = layer.ExchangesSoftmax ? context.ApplicationKeyRange(layer, Partitions.Softmax).FirstKey : 0,
            SoftmaxGroupSize = layer.ExchangesSoftmax ? units : 1,
            Training = run.Training ? TrainingParameters(context) : null,
        };

        var kernel = dense.Weights[0].ReadOnlySpan;
        var weights = new DataRegionWriter();
        for (var i = 0; i < n; i++)
        {
            weights.Write(kernel[(i * units) + _neuron]);
        }
        weights.Write(dense.Weights[1].ReadOnlySpan[_neuron]);
        var regions = new List<SdramRegionData>
        {
            new(NeuronRegions.Parameters, parameters.Encode()),
            new(NeuronRegions.Weights, weights.ToBytes()),
        };
        if (parameters.Training is { IsOutput: false, Variant: BackwardVariant.SharedParameters } && layer.Next is PerceptronLayerVertex next)
        {
            // Shared parameters: this neuron's row of the next kernel (its outgoing weights).
            var m = next.Layer.Units;
            regions.Add(new SdramRegionData(NeuronRegions.NextWeights, new DataRegionWriter().Write(next.Layer.Weights[0].ReadOnlySpan.Slice(_neuron * m, m)).ToBytes()));
        }
        return regions;
    }

    private PerceptronTraining TrainingParameters(DataGenerationContext context)
    {
        var layer = _layer;
        var run = layer.Run;
        var isOutput = layer.Next is null;
        var fused = isOutput && LossVertex.IsFused(run.Loss!.Value, layer.Layer.Activation);
        return new PerceptronTraining
        {
            Schedule = run.Schedule!.Value,
            Variant = run.Variant,
            IsOutput = isOutput,
            ErrorIsPreActivation = fused,
            IsFirst = layer.Previous is InputLayerVertex,
            BackwardKey = context.KeysOf(Partitions.Backward).FirstKey,
            MinSuccessorKey = isOutput
                ? context.Mapping.KeysOf(layer.Loss!, Partitions.LossError(_neuron)).FirstKey
                : context.ApplicationKeyRange(layer.Next!, Partitions.Backward).FirstKey,
            SuccessorCount = isOutput ? 1 : layer.Next!.AtomCount,
            // With multicast each error every next neuron sends one packet per input: this layer's size.
            PacketsPerSuccessor = !isOutput && run.Variant == BackwardVariant.MulticastEachError ? layer.AtomCount : 1,
        };
    }
}
