namespace SpiDnn;

/// <summary>A progress report from <see cref="Sequential.Fit"/>, sent after every batch.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The number of epochs of the run.</param>
/// <param name="Batch">The number of batches finished in this epoch, from 1.</param>
/// <param name="BatchesPerEpoch">The number of batches per epoch.</param>
/// <param name="Loss">The mean training loss of the epoch so far.</param>
/// <param name="Accuracy">The training accuracy of the epoch so far.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int BatchesPerEpoch, float Loss, float Accuracy);
