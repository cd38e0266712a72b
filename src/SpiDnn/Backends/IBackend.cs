namespace SpiDnn.Backends;

/// <summary>
/// Where a model runs. A backend works on whole operations (predict a data set, run a whole
/// training loop) rather than on single layers, because a SpiNNaker run executes the entire
/// training loop on the machine. It reads the model's definition and weights
/// (<see cref="Sequential.Layers"/>) and, after training, leaves the trained weights in the
/// model. Arguments arrive validated by <see cref="Sequential"/>.
/// </summary>
public interface IBackend
{
    /// <summary>A short name for reports (<c>host</c>, <c>spinnaker</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The model's outputs for every example of <paramref name="x"/> (shape
    /// <c>[n, ...model.OutputShape]</c>), computing <paramref name="batchSize"/> examples at a time.
    /// </summary>
    Tensor Predict(Sequential model, Tensor x, int batchSize);

    /// <summary>
    /// Trains the compiled model (its loss and optimiser) following
    /// <see cref="TrainingRun.Schedule"/> exactly, updates the model's weights, and returns
    /// the per-epoch figures.
    /// </summary>
    History Fit(Sequential model, TrainingRun run);
}
