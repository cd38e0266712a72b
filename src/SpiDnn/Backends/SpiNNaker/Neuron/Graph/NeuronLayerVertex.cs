using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Splitting;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// A layer of the neuron mapping as an application vertex: its atoms are its neurons (Dense
/// units, Conv1D positions, input positions), split one per core (input layers may pack
/// several). Keys of a layer are consecutive per partition (the first-touch global partition
/// allocator), so a receiver finds the sender's index as <c>key - first key</c>.
/// </summary>
internal abstract class NeuronLayerVertex : ApplicationVertex
{
    /// <summary>Creates the layer vertex.</summary>
    protected NeuronLayerVertex(NeuronRun run, string label, int neurons, int valuesPerNeuron, int neuronsPerCore)
        : base(label, neurons, neuronsPerCore)
    {
        Run = run;
        ValuesPerNeuron = valuesPerNeuron;
        Splitter = new FixedSizeSplitter(neuronsPerCore);
    }

    /// <summary>The run's settings.</summary>
    public NeuronRun Run { get; }

    /// <summary>Output values per neuron and example (1 for Dense, the filters of a Conv1D position, the channels of an input position).</summary>
    public int ValuesPerNeuron { get; }

    /// <summary>The layer before (null for input and label layers).</summary>
    public NeuronLayerVertex? Previous { get; set; }

    /// <summary>The layer after (null for the output layer and the label layer).</summary>
    public NeuronLayerVertex? Next { get; set; }

    /// <summary>
    /// Whether every output value has its own forward key (the next layer is Dense, or the
    /// host or the loss reads the values), or each neuron one key for all its values in order
    /// (the next layer is a Conv1D and counts the channels per connection).
    /// </summary>
    public bool KeyPerValue => ValuesPerNeuron == 1 || Next is not Conv1DLayerVertex;

    /// <summary>Forward keys per neuron.</summary>
    public int ForwardKeysPerNeuron => KeyPerValue ? ValuesPerNeuron : 1;

    /// <summary>How a core of this layer is named in diagnostics: <c>layer 'dense_3' neuron 17</c>.</summary>
    public virtual string Describe(Slice slice) =>
        slice.Count == 1 ? $"layer '{Label}' neuron {slice.LoAtom}" : $"layer '{Label}' neurons {slice.LoAtom}-{slice.HiAtom - 1}";
}
