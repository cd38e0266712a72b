using SpiDnn.Layers;
using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Live;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// A Sequential model as the neuron mapping's toolchain graph: the input layer (host-fed
/// input vertices), one application vertex per Dense or Conv1D layer (one neuron per core),
/// the host's packet gatherer, and for training the label layer and the loss vertex; with the
/// forward, backward, softmax, kernel-update, labels and loss partitions between them.
/// </summary>
internal sealed class NeuronGraph
{
    private NeuronGraph(ApplicationGraph graph, InputLayerVertex input, IReadOnlyList<NeuronLayerVertex> layers,
        InputLayerVertex? labels, LossVertex? loss, LivePacketGathererVertex gatherer, int inputNeuronsPerCore)
    {
        Graph = graph;
        Input = input;
        Layers = layers;
        Labels = labels;
        Loss = loss;
        Gatherer = gatherer;
        InputNeuronsPerCore = inputNeuronsPerCore;
    }

    /// <summary>The toolchain graph.</summary>
    public ApplicationGraph Graph { get; }

    /// <summary>The input layer.</summary>
    public InputLayerVertex Input { get; }

    /// <summary>The Dense and Conv1D layers in order.</summary>
    public IReadOnlyList<NeuronLayerVertex> Layers { get; }

    /// <summary>The label layer (training only).</summary>
    public InputLayerVertex? Labels { get; }

    /// <summary>The loss vertex (training only).</summary>
    public LossVertex? Loss { get; }

    /// <summary>The host's packet gatherer (predictions, the first layer's pongs, the loss reports).</summary>
    public LivePacketGathererVertex Gatherer { get; }

    /// <summary>Input and label neurons per core.</summary>
    public int InputNeuronsPerCore { get; }

    /// <summary>The output layer.</summary>
    public NeuronLayerVertex Output => Layers[^1];

    /// <summary>
    /// Why the run's results depend on packets of one sender arriving in the order sent, or
    /// null: Conv1D neurons tell channels apart by counting each connection's packets, multicast
    /// each error by counting each sender's sequence, and the kernel-update exchange by counting
    /// each neighbour's gradients. A fixed route keeps that order; emergency routing around a
    /// blocked link can break it.
    /// </summary>
    public string? OrderSensitivity(NeuronRun run)
    {
        var reasons = new List<string>();
        foreach (var layer in Layers.OfType<Conv1DLayerVertex>())
        {
            if (layer.Layer.Channels > 1)
            {
                reasons.Add($"layer '{layer.Label}' counts the {layer.Layer.Channels} channels of each input connection");
            }
            if (run.Training && layer.AtomCount > 1)
            {
                reasons.Add($"layer '{layer.Label}' counts each neighbour's kernel gradients");
            }
        }
        if (run.Training && run.Variant == BackwardVariant.MulticastEachError && Layers.Count > 1)
        {
            reasons.Add("multicast each error counts each sender's error sequence");
        }
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>Cores of the neuron layers, the loss and the gatherer (everything but input and label cores).</summary>
    public static int FixedCores(Sequential model, bool training) =>
        model.Layers.Where(l => l is not Flatten).Sum(l => l is Conv1D c ? c.OutputSteps : l.OutputLength) + 1 + (training ? 1 : 0);

    /// <summary>Builds the graph of <paramref name="model"/> for <paramref name="run"/> on <paramref name="machine"/>.</summary>
    /// <exception cref="NotSupportedException">The model does not fit the machine with one neuron per core.</exception>
    public static NeuronGraph Build(Sequential model, NeuronRun run, SpiNNakerMachine machine)
    {
        var training = run.Training;
        var inputShape = model.InputShape;
        var inputNeurons = inputShape[0];
        var channels = inputShape.Length > 1 ? inputShape[1] : 1;
        var outputValues = model.OutputShape.Aggregate(1, (a, b) => a * b);
        var perCore = InputPacking(model, run, machine, inputNeurons, training ? outputValues : 0);

        var graph = new ApplicationGraph();
        var input = graph.AddVertex(new InputLayerVertex(run, "input", inputNeurons, channels, perCore, Partitions.Forward));
        var layers = new List<NeuronLayerVertex>();
        NeuronLayerVertex previous = input;
        foreach (var layer in model.Layers)
        {
            NeuronLayerVertex vertex = layer switch
            {
                Dense dense => new PerceptronLayerVertex(run, dense),
                Conv1D conv => new Conv1DLayerVertex(run, conv),
                Flatten => previous,
                _ => throw new NotSupportedException($"the neuron mapping has no vertex for layer '{layer.Name}' ({layer.TypeName})"),
            };
            if (vertex == previous)
            {
                continue;
            }
            graph.AddVertex(vertex);
            vertex.Previous = previous;
            previous.Next = vertex;
            layers.Add(vertex);
            previous = vertex;
        }

        var gatherer = graph.AddVertex(new LivePacketGathererVertex("host"));
        foreach (var layer in layers)
        {
            graph.AddEdge(layer.Previous!, layer, Partitions.Forward, ForwardConnectivity(layer));
            if (layer is PerceptronLayerVertex { ExchangesSoftmax: true })
            {
                graph.AddEdge(layer, layer, Partitions.Softmax, AllToOthersConnectivity.Instance);
            }
        }

        InputLayerVertex? labels = null;
        LossVertex? loss = null;
        var output = layers[^1];
        if (!training)
        {
            graph.AddEdge(output, gatherer, Partitions.Forward);
        }
        else
        {
            foreach (var layer in layers)
            {
                if (layer.Previous is InputLayerVertex)
                {
                    graph.AddEdge(layer, gatherer, Partitions.Backward);
                }
                else
                {
                    graph.AddEdge(layer, layer.Previous!, Partitions.Backward, BackwardConnectivity(layer));
                }
                if (layer is Conv1DLayerVertex { AtomCount: > 1 })
                {
                    graph.AddEdge(layer, layer, Partitions.KernelUpdate, AllToOthersConnectivity.Instance);
                }
            }

            labels = graph.AddVertex(new InputLayerVertex(run, "labels", outputValues, 1, perCore, Partitions.Labels));
            loss = graph.AddVertex(new LossVertex(run, output, labels, model.OutputShape[^1]));
            graph.AddEdge(output, loss, Partitions.Forward);
            graph.AddEdge(labels, loss, Partitions.Labels);
            for (var neuron = 0; neuron < output.AtomCount; neuron++)
            {
                graph.AddEdge(loss, output, Partitions.LossError(neuron), new ConnectionListConnectivity([(0, neuron)]));
            }
            graph.AddEdge(loss, gatherer, Partitions.LossReport);
            switch (output)
            {
                case PerceptronLayerVertex dense:
                    dense.Loss = loss;
                    break;
                case Conv1DLayerVertex conv:
                    conv.Loss = loss;
                    break;
            }
        }

        return new NeuronGraph(graph, input, layers, labels, loss, gatherer, perCore);
    }

    private static IAtomConnectivity ForwardConnectivity(NeuronLayerVertex layer) =>
        layer is Conv1DLayerVertex conv ? new ConnectionListConnectivity(conv.Connections()) : AllToAllConnectivity.Instance;

    private static IAtomConnectivity BackwardConnectivity(NeuronLayerVertex layer) =>
        layer is Conv1DLayerVertex conv ? new ConnectionListConnectivity(conv.Connections().Select(c => (c.Post, c.Pre))) : AllToAllConnectivity.Instance;

    /// <summary>
    /// Input (and label) neurons per core: the option when given; otherwise one, as in the
    /// seed, when every core fits the machine that way, or else the fewest per core that fit.
    /// </summary>
    private static int InputPacking(Sequential model, NeuronRun run, SpiNNakerMachine machine, int inputNeurons, int labelNeurons)
    {
        var fixedCores = FixedCores(model, run.Training);
        int Cores(int perCore) => fixedCores + ((inputNeurons + perCore - 1) / perCore) + ((labelNeurons + perCore - 1) / perCore);
        var perCore = run.Options.InputNeuronsPerCore ?? 1;
        if (run.Options.InputNeuronsPerCore is null)
        {
            while (Cores(perCore) > machine.ApplicationCoreCount && perCore < Math.Max(inputNeurons, labelNeurons))
            {
                perCore++;
            }
        }
        if (Cores(perCore) > machine.ApplicationCoreCount)
        {
            var neurons = fixedCores - 1 - (run.Training ? 1 : 0);
            throw new NotSupportedException(
                $"the model needs {Cores(perCore)} cores with one neuron per core ({neurons} neurons, {Cores(perCore) - fixedCores} input{(run.Training ? " and label" : "")} cores with {perCore} per core, " +
                $"{(run.Training ? "the loss vertex, " : "")}the host gatherer) but the machine has {machine.ApplicationCoreCount} application cores");
        }
        return perCore;
    }
}
