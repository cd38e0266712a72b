using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// The input layer (one neuron per input position, its channels as values) or the label layer
/// (one neuron per output value), fed by the host; its neurons are packed
/// <c>neuronsPerCore</c> to a core.
/// </summary>
internal sealed class InputLayerVertex : NeuronLayerVertex
{
    /// <summary>Creates the layer.</summary>
    /// <param name="run">The run.</param>
    /// <param name="label">The layer's name.</param>
    /// <param name="neurons">Input positions (or label values).</param>
    /// <param name="valuesPerNeuron">Channels per position (1 for labels and vectors).</param>
    /// <param name="neuronsPerCore">Neurons per input core.</param>
    /// <param name="partition">The partition it sends on: <see cref="Partitions.Forward"/> or <see cref="Partitions.Labels"/>.</param>
    public InputLayerVertex(NeuronRun run, string label, int neurons, int valuesPerNeuron, int neuronsPerCore, string partition)
        : base(run, label, neurons, valuesPerNeuron, neuronsPerCore) => Partition = partition;

    /// <summary>The partition the layer sends on.</summary>
    public string Partition { get; }

    /// <inheritdoc/>
    public override ResourceRequirements ResourcesFor(Slice slice)
    {
        var values = slice.Count * ValuesPerNeuron;
        return new ResourceRequirements(
            NeuronCoreVertex.BaseDtcmBytes + NeuronCoreVertex.Words(16) + NeuronCoreVertex.SendQueueBytes(values + 1),
            NeuronCoreVertex.Words(16) + NeuronCoreVertex.BaseSdramBytes);
    }

    /// <inheritdoc/>
    public override MachineVertex CreateMachineVertex(Slice slice, ResourceRequirements resources) => new InputVertex(this, slice, resources);
}

/// <summary>One core of an input or label layer.</summary>
internal sealed class InputVertex : NeuronCoreVertex
{
    private readonly InputLayerVertex _layer;
    private readonly Slice _slice;

    /// <summary>Creates the vertex of <paramref name="slice"/>.</summary>
    public InputVertex(InputLayerVertex layer, Slice slice, ResourceRequirements resources)
        : base($"{layer.Label}/{slice.LoAtom}", resources)
    {
        _layer = layer;
        _slice = slice;
    }

    /// <summary>The layer.</summary>
    public InputLayerVertex Layer => _layer;

    /// <inheritdoc/>
    public override int KeyCountFor(string partitionIdentifier) =>
        _layer.KeyPerValue ? _slice.Count * _layer.ValuesPerNeuron : _slice.Count;

    /// <inheritdoc/>
    public override string Describe() => _layer.Describe(_slice);

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new InputCore();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context)
    {
        var parameters = new InputParameters
        {
            Timing = _layer.Run.TimingFor(context.Core),
            Examples = _layer.Run.Examples,
            AtomCount = _slice.Count,
            ValuesPerAtom = _layer.ValuesPerNeuron,
            FirstKey = context.KeysOf(_layer.Partition).FirstKey,
            KeyPerValue = _layer.KeyPerValue,
        };
        return [new SdramRegionData(NeuronRegions.Parameters, parameters.Encode())];
    }
}
