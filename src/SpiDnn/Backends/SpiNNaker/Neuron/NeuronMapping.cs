using System.Globalization;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiDnn.Backends.SpiNNaker.Neuron.Host;
using SpiDnn.Layers;
using SpiDnn.Training;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Running;

namespace SpiDnn.Backends.SpiNNaker.Neuron;

/// <summary>
/// The seed's mapping: one neuron per core. Each Dense unit is a perceptron core, each Conv1D
/// output position a Conv1D neuron core computing all filters; host-fed input vertices, a
/// label layer and a loss vertex for training, the host's packet gatherer; partitions
/// forward, backward, softmax, kernel update, labels; keys from the first-touch global
/// partition allocator; the ping-pong host protocol; timer-tick polling with per-core phase
/// offsets. See docs/mapping-neuron.md.
/// </summary>
public sealed class NeuronMapping : IMapping
{
    /// <summary>The mapping's name.</summary>
    public const string MappingName = "neuron";

    private readonly NumberFormat _numberFormat;

    /// <summary>Creates the mapping with <paramref name="options"/> computing in <paramref name="numberFormat"/>.</summary>
    public NeuronMapping(NeuronMappingOptions? options = null, NumberFormat numberFormat = NumberFormat.Float)
    {
        Options = options ?? new NeuronMappingOptions();
        Options.Validate();
        _numberFormat = numberFormat;
    }

    /// <summary>The mapping's settings.</summary>
    public NeuronMappingOptions Options { get; }

    /// <inheritdoc/>
    public string Name => MappingName;

    /// <inheritdoc/>
    public void Check(Sequential model, bool training)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_numberFormat != NumberFormat.Float)
        {
            throw new NotSupportedException(
                $"the neuron mapping computes in software float, as the seed did; number format {_numberFormat} is not supported by it");
        }
        Layer? previous = null;
        foreach (var layer in model.Layers)
        {
            if (layer is not (Dense or Conv1D or Flatten))
            {
                throw new NotSupportedException($"the neuron mapping has no vertex for layer '{layer.Name}' ({layer.TypeName}); it maps Dense, Conv1D and Flatten");
            }
            if (training && Options.BackwardVariant == BackwardVariant.SharedParameters && layer is Conv1D && previous is Conv1D)
            {
                throw new NotSupportedException(
                    $"the shared-parameters backward pass cannot train layer '{previous.Name}' (Conv1D) followed by '{layer.Name}' (Conv1D): each neuron would need the whole next kernel and its gradient, as the seed found; use BackwardVariant.MulticastEachError");
            }
            if (layer is not Flatten)
            {
                previous = layer;
            }
        }
        if (model.Layers.All(l => l is Flatten))
        {
            throw new NotSupportedException("the neuron mapping needs at least one Dense or Conv1D layer");
        }
    }

    /// <inheritdoc/>
    public Tensor Predict(Sequential model, Tensor x, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        var n = x.Dim(0);
        var (graph, run) = PredictGraph(model, n, target);
        var session = target.CreateSession(target.Map(graph.Graph));
        session.Load();
        var outputs = new PingPongHost(graph, session, StallBound.Of(graph, run, target.Options.Cost)).Predict(x);
        CheckDeliveryOrder(graph, run, session);
        target.Record(session, n);
        return Tensor.FromArray(outputs, [n, .. model.OutputShape]);
    }

    /// <inheritdoc/>
    public global::SpiNNaker.Toolchain.Mapping MapPredict(Sequential model, Tensor x, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        return target.Map(PredictGraph(model, x.Dim(0), target).Graph.Graph);
    }

    /// <inheritdoc/>
    /// <remarks>With validation data every epoch is a machine run of its own: this is the mapping of the first.</remarks>
    public global::SpiNNaker.Toolchain.Mapping MapFit(Sequential model, TrainingRun run, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(target);
        return target.Map(TrainingGraph(model, run, target, EpochsPerRun(run)).Graph.Graph);
    }

    /// <inheritdoc/>
    public History Fit(Sequential model, TrainingRun run, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(target);
        var history = new History();
        var chunk = EpochsPerRun(run);
        for (var epoch = 0; epoch < run.Epochs; epoch += chunk)
        {
            foreach (var totals in FitEpochs(model, run, target, epoch, chunk))
            {
                Evaluation? validation = null;
                if (run.ValidationData is { } data)
                {
                    var predictions = Predict(model, data.X, target);
                    var width = model.OutputShape[^1];
                    var (lossSum, correct, rows) = LossFunctions.Score(model.CompiledLoss, predictions.ReadOnlySpan, data.Y.ReadOnlySpan, width);
                    validation = new Evaluation((float)(lossSum / rows), (float)correct / rows);
                }
                history.AddEpoch(totals.Loss, totals.Accuracy, validation);
            }
        }
        return history;
    }

    /// <summary>
    /// Refuses results that may be wrong: when routers sent packets around a blocked link and
    /// the graph tells packets apart by their order, a packet may have overtaken another.
    /// </summary>
    private static void CheckDeliveryOrder(NeuronGraph graph, NeuronRun run, MachineSession session)
    {
        var statistics = session.GetStatistics();
        if (DeliveryOrderProblem(graph.OrderSensitivity(run), statistics.Totals, statistics.SimulatedSeconds) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>The exception for a run whose results depend on delivery order (<paramref name="sensitivity"/>) that saw emergency routing, or null.</summary>
    internal static SpiNNakerRunException? DeliveryOrderProblem(string? sensitivity, TotalStatistics totals, double simulatedSeconds)
    {
        var emergency = totals.EmergencyRouted;
        if (emergency == 0 || sensitivity is null)
        {
            return null;
        }
        return new SpiNNakerRunException(string.Create(CultureInfo.InvariantCulture,
            $"the SpiNNaker run finished but its results cannot be trusted: routers sent {emergency:N0} packets around blocked links (emergency routing), " +
            $"which can change the order of one sender's packets, and {sensitivity}. Use a longer timer period or send delay, or shared parameters, to avoid the congestion"),
            totals.Dropped, totals.Lost, [], [], simulatedSeconds);
    }

    /// <summary>
    /// Epochs per machine run: without validation data the whole loop is one run; with it, every
    /// epoch is a run of its own, followed by predictions of the validation data with its weights.
    /// </summary>
    private static int EpochsPerRun(TrainingRun run) => run.ValidationData is null ? run.Epochs : 1;

    /// <summary>The graph that predicts <paramref name="examples"/> examples.</summary>
    private (NeuronGraph Graph, NeuronRun Run) PredictGraph(Sequential model, int examples, SpiNNakerTarget target)
    {
        var run = new NeuronRun(Options, target.Options.Cost, examples, null, null);
        return (NeuronGraph.Build(model, run, target.Machine), run);
    }

    /// <summary>The graph that trains <paramref name="epochs"/> epochs of <paramref name="training"/> in one machine run.</summary>
    private (NeuronGraph Graph, NeuronRun Run) TrainingGraph(Sequential model, TrainingRun training, SpiNNakerTarget target, int epochs)
    {
        var schedule = training.Schedule;
        var trainingSchedule = new TrainingSchedule(schedule.ExampleCount, schedule.BatchSize, epochs, model.Optimizer!.LearningRate);
        var run = new NeuronRun(Options, target.Options.Cost, trainingSchedule.TotalExamples, trainingSchedule, model.CompiledLoss);
        return (NeuronGraph.Build(model, run, target.Machine), run);
    }

    private IReadOnlyList<EpochTotals> FitEpochs(Sequential model, TrainingRun training, SpiNNakerTarget target, int firstEpoch, int epochs)
    {
        var (graph, run) = TrainingGraph(model, training, target, epochs);
        var session = target.CreateSession(target.Map(graph.Graph));
        session.Load();
        var rowsPerExample = model.OutputShape.Aggregate(1, (a, b) => a * b) / model.OutputShape[^1];
        var totals = new PingPongHost(graph, session, StallBound.Of(graph, run, target.Options.Cost)).Train(training, firstEpoch, epochs, rowsPerExample);
        CheckDeliveryOrder(graph, run, session);
        TrainedWeights.ReadInto(graph, session);
        target.Record(session, run.Examples);
        return totals;
    }
}
