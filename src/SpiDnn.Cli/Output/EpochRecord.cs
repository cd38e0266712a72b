namespace SpiDnn.Cli.Output;

/// <summary>One epoch of training in a report: the training loss and accuracy, then the test-set figures measured after the epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch.</param>
/// <param name="Accuracy">Training accuracy over the epoch.</param>
/// <param name="TestLoss">Loss on the test set after the epoch.</param>
/// <param name="TestAccuracy">Accuracy on the test set after the epoch.</param>
internal sealed record EpochRecord(int Epoch, float Loss, float Accuracy, float? TestLoss, float? TestAccuracy);
