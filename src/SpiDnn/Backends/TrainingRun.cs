using SpiDnn.Training;

namespace SpiDnn.Backends;

/// <summary>One validated training request handed to <see cref="IBackend.Fit"/>.</summary>
/// <param name="X">The inputs, shape <c>[n, ...model.InputShape]</c>.</param>
/// <param name="Y">The labels, shape <c>[n, ...model.OutputShape]</c>.</param>
/// <param name="Epochs">The number of passes over the data.</param>
/// <param name="Schedule">The batches of every epoch, in order (shared by all backends).</param>
/// <param name="ValidationData">Data evaluated after every epoch, or null.</param>
/// <param name="Progress">Receives a report after every batch, or null.</param>
public sealed record TrainingRun(
    Tensor X,
    Tensor Y,
    int Epochs,
    BatchSchedule Schedule,
    (Tensor X, Tensor Y)? ValidationData,
    IProgress<TrainingProgress>? Progress);
