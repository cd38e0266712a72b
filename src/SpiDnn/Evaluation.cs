namespace SpiDnn;

/// <summary>The mean loss and the accuracy of a model on a data set.</summary>
/// <param name="Loss">The mean loss over all output rows (examples, or positions of a Conv1D output).</param>
/// <param name="Accuracy">The fraction of rows predicted correctly, in [0, 1].</param>
public sealed record Evaluation(float Loss, float Accuracy);
