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
