using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Resources;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// The loss vertex: one core that receives the output layer's values and the labels, and sends
/// every output neuron its errors on a partition of its own (the seed's unique partitions),
/// and the example's loss and correct rows to the host.
/// </summary>
internal sealed class LossVertex : NeuronCoreVertex
{
    private readonly NeuronRun _run;

    /// <summary>Creates the loss vertex for <paramref name="output"/>, which reads its labels from <paramref name="labels"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="output">The output layer.</param>
    /// <param name="labels">The label layer.</param>
    /// <param name="rowWidth">Values per loss row: the model output's last axis.</param>
    public LossVertex(NeuronRun run, NeuronLayerVertex output, InputLayerVertex labels, int rowWidth)
        : base("loss", Estimate(output))
    {
        _run = run;
        Output = output;
        Labels = labels;
        RowWidth = rowWidth;
    }

    /// <summary>Values per loss row.</summary>
    public int RowWidth { get; }

    /// <summary>The output layer.</summary>
    public NeuronLayerVertex Output { get; }

    /// <summary>The label layer.</summary>
    public InputLayerVertex Labels { get; }

    /// <summary>Output values per example.</summary>
    public int OutputCount => Output.AtomCount * Output.ValuesPerNeuron;

    /// <summary>Whether the loss is computed from the pre-activations (softmax with categorical, sigmoid with binary cross-entropy).</summary>
    public static bool IsFused(Loss loss, Activation outputActivation) =>
        (loss == Loss.CategoricalCrossEntropy && outputActivation == Activation.Softmax)
        || (loss == Loss.BinaryCrossEntropy && outputActivation == Activation.Sigmoid);

    /// <inheritdoc/>
    public override int KeyCountFor(string partitionIdentifier) =>
        partitionIdentifier == Partitions.LossReport ? 2 : Output.ValuesPerNeuron;

    /// <inheritdoc/>
    public override string Describe() => "the loss vertex";

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new LossCore();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context)
    {
        var activation = Output switch
        {
            PerceptronLayerVertex dense => dense.Layer.Activation,
            Conv1DLayerVertex conv => conv.Layer.Activation,
            _ => throw new InvalidOperationException($"the output layer is a {Output.GetType().Name}"),
        };
        var parameters = new LossParameters
        {
            Timing = _run.TimingFor(context.Core),
            Schedule = _run.Schedule!.Value,
            Loss = _run.Loss!.Value,
            OutputActivation = activation,
            OutputCount = OutputCount,
            RowWidth = RowWidth,
            MinOutputKey = context.ApplicationKeyRange(Output, Partitions.Forward).FirstKey,
            MinLabelKey = context.ApplicationKeyRange(Labels, Partitions.Labels).FirstKey,
            ReportKey = context.KeysOf(Partitions.LossReport).FirstKey,
        };
        var keys = new DataRegionWriter();
        for (var neuron = 0; neuron < Output.AtomCount; neuron++)
        {
            var partition = context.KeysOf(Partitions.LossError(neuron));
            for (var v = 0; v < Output.ValuesPerNeuron; v++)
            {
                keys.Write(partition.KeyFor(v));
            }
        }
        return
        [
            new SdramRegionData(NeuronRegions.Parameters, parameters.Encode()),
            new SdramRegionData(NeuronRegions.Keys, keys.ToBytes()),
        ];
    }

    private static ResourceRequirements Estimate(NeuronLayerVertex output)
    {
        var k = output.AtomCount * output.ValuesPerNeuron;
        return new ResourceRequirements(
            BaseDtcmBytes + Words(32) + SendQueueBytes(k + 4) + (4 * k * 4),
            Words(32) + (k * 4) + BaseSdramBytes);
    }
}
