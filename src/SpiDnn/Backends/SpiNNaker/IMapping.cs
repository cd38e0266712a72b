namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// A way of turning a Sequential model into SpiNNaker cores and packets. A mapping compiles the
/// built model into a toolchain graph (its vertices, partitions and core applications) plus
/// the host protocol that feeds it and reads results back, maps and loads it on the
/// <see cref="SpiNNakerTarget"/>, and runs predictions or a whole training loop on it, or only
/// maps it (for reports). The mappings are <see cref="Blocked.BlockedMapping"/> (the default)
/// and <see cref="Neuron.NeuronMapping"/> (one neuron per core, the thesis design); a new
/// mapping registers its name in <see cref="SpiNNakerBackend"/>.
/// </summary>
public interface IMapping
{
    /// <summary>The mapping's name (<c>neuron</c>, <c>blocked</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Throws when the mapping cannot run <paramref name="model"/> (a layer type, an option
    /// combination or a number format it does not support), naming the problem; the backend
    /// calls it before any work starts.
    /// </summary>
    /// <exception cref="NotSupportedException">The model or the options are not supported.</exception>
    void Check(Sequential model, bool training);

    /// <summary>The model's outputs for every example of <paramref name="x"/>; records the run on the target.</summary>
    Tensor Predict(Sequential model, Tensor x, SpiNNakerTarget target);

    /// <summary>The toolchain's mapping that <see cref="Predict"/> would load and run, without running anything.</summary>
    /// <exception cref="NotSupportedException">The model does not fit the machine; the message names what did not fit.</exception>
    global::SpiNNaker.Toolchain.Mapping MapPredict(Sequential model, Tensor x, SpiNNakerTarget target);

    /// <summary>The toolchain's mapping of <see cref="Fit"/>'s (first) machine run, without running anything.</summary>
    /// <exception cref="NotSupportedException">The model does not fit the machine; the message names what did not fit.</exception>
    global::SpiNNaker.Toolchain.Mapping MapFit(Sequential model, TrainingRun run, SpiNNakerTarget target);

    /// <summary>
    /// Runs the training loop of <paramref name="run"/> on the machine (exactly the batches of
    /// <see cref="TrainingRun.Schedule"/>), writes the trained weights into the model and
    /// returns the per-epoch figures; records the runs on the target.
    /// </summary>
    History Fit(Sequential model, TrainingRun run, SpiNNakerTarget target);
}
