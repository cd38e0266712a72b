namespace SpiDnn.Models;

/// <summary>
/// The training settings a zoo model is tuned for: with them, training on the embedded
/// 8,000 MNIST examples reaches at least 95 % accuracy on the 2,000 test examples
/// (measured figures in docs/cli.md).
/// </summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Examples per weight update.</param>
/// <param name="LearningRate">The constant SGD step.</param>
public sealed record TrainingDefaults(int Epochs, int BatchSize, float LearningRate);
