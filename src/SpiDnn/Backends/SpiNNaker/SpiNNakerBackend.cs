using SpiDnn.Training;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Neuron;

namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// Runs models on a simulated SpiNNaker machine: every operation compiles the model with the
/// chosen mapping into a toolchain graph, maps, loads and runs it on the simulator, and reads
/// the results back; a training run executes the whole training loop on the machine.
/// <code>
/// var backend = new SpiNNakerBackend();   // a SpiNN-5 board, the blocked mapping
/// model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), backend);
/// var history = model.Fit(x, y, epochs: 50, batchSize: 4);
/// var stats = (SpiNNakerRunStatistics)history.BackendStatistics!;
/// </code>
/// </summary>
public sealed class SpiNNakerBackend : IBackend
{
    private static readonly Dictionary<string, Func<SpiNNakerBackendOptions, IMapping>> Mappings = new(StringComparer.Ordinal)
    {
        [NeuronMapping.MappingName] = options => new NeuronMapping(options.Neuron, options.NumberFormat),
        [BlockedMapping.MappingName] = options => new BlockedMapping(options.Blocked, options.NumberFormat),
    };

    /// <summary>Creates the backend (default options: a SpiNN-5 board, the blocked mapping, software float).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SpiNNakerBackend(SpiNNakerBackendOptions? options = null)
    {
        Options = options ?? new SpiNNakerBackendOptions();
        Options.Validate();
        Mapping = Mappings[Options.Mapping](Options);
    }

    /// <summary>The mappings this build offers, by name.</summary>
    public static IReadOnlyCollection<string> MappingNames => Mappings.Keys;

    /// <summary>The options.</summary>
    public SpiNNakerBackendOptions Options { get; }

    /// <summary>The mapping in use.</summary>
    public IMapping Mapping { get; }

    /// <inheritdoc/>
    public string Name => "spinnaker";

    /// <summary>The figures of the last operation (Predict, Evaluate or Fit), or null before the first.</summary>
    public SpiNNakerRunStatistics? LastRun { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Neither mapping's result depends on <paramref name="batchSize"/> (the neuron mapping sends one example at a time, the blocked mapping pipelines them).</remarks>
    public Tensor Predict(Sequential model, Tensor x, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        Mapping.Check(model, training: false);
        var target = new SpiNNakerTarget(Options);
        var predictions = Mapping.Predict(model, x, target);
        LastRun = target.Finish();
        return predictions;
    }

    /// <summary>
    /// Maps <paramref name="model"/> as <see cref="Predict"/> would for <paramref name="x"/>, onto
    /// the options' machine with the options' mapping, without running it: the toolchain's
    /// mapping (placements, keys, routing tables before and after compression, resources;
    /// <c>CreateReport()</c> reports it).
    /// </summary>
    /// <exception cref="NotSupportedException">The mapping cannot run the model, or it does not fit the machine (the message names what did not fit).</exception>
    public global::SpiNNaker.Toolchain.Mapping MapPredict(Sequential model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        DataValidation.CheckInputs(x, model.InputShape, nameof(x));
        Mapping.Check(model, training: false);
        return Mapping.MapPredict(model, x, new SpiNNakerTarget(Options));
    }

    /// <summary>
    /// Maps <paramref name="model"/> (compiled) as <c>Fit</c> would train it on (x, y), onto the
    /// options' machine with the options' mapping, without running it (for the neuron mapping
    /// with validation data: the first epoch's machine run).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="NotSupportedException">The mapping cannot train the model, or it does not fit the machine (the message names what did not fit).</exception>
    public global::SpiNNaker.Toolchain.Mapping MapFit(Sequential model, Tensor x, Tensor y, int epochs, int batchSize, (Tensor X, Tensor Y)? validationData = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var loss = model.Loss ?? throw new InvalidOperationException("compile the model (its loss and optimizer) before mapping it for training");
        DataValidation.CheckPositive(epochs, nameof(epochs));
        DataValidation.CheckPositive(batchSize, nameof(batchSize));
        DataValidation.CheckInputs(x, model.InputShape, nameof(x));
        y = DataValidation.CheckLabels(y, model.OutputShape, x.Dim(0), loss, nameof(y));
        if (validationData is { } validation)
        {
            DataValidation.CheckInputs(validation.X, model.InputShape, "validationData.X");
            validationData = (validation.X, DataValidation.CheckLabels(validation.Y, model.OutputShape, validation.X.Dim(0), loss, "validationData.Y"));
        }

        Mapping.Check(model, training: true);
        var run = new TrainingRun(x, y, epochs, new BatchSchedule(x.Dim(0), batchSize, shuffle: true, seed: 0), validationData, null);
        return Mapping.MapFit(model, run, new SpiNNakerTarget(Options));
    }

    /// <inheritdoc/>
    public History Fit(Sequential model, TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        Mapping.Check(model, training: true);
        var target = new SpiNNakerTarget(Options);
        var history = Mapping.Fit(model, run, target);
        LastRun = target.Finish();
        history.BackendStatistics = LastRun;
        return history;
    }
}
