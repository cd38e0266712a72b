namespace SpiDnn.Cli.Output;

/// <summary>What <c>spidnn predict --json</c> prints.</summary>
internal sealed record PredictReport(
    string Backend,
    string Model,
    string Weights,
    string Source,
    int Count,
    IReadOnlyList<Prediction> Predictions,
    float? Accuracy) : MachineFiguresReport;

/// <summary>One image's prediction.</summary>
/// <param name="Index">The image's index in its source (0-based).</param>
/// <param name="Predicted">The predicted digit (the largest output).</param>
/// <param name="Confidence">The model's output for that digit.</param>
/// <param name="Label">The true digit when the source has labels (the test set), otherwise null.</param>
internal sealed record Prediction(int Index, int Predicted, float Confidence, int? Label);
