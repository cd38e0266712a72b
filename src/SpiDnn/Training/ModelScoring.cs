using SpiDnn.Backends;

namespace SpiDnn.Training;

/// <summary>Evaluation through a backend's predictions and the shared loss definitions.</summary>
internal static class ModelScoring
{
    /// <summary>The mean loss and accuracy of <paramref name="model"/> on (x, y), predicted by <paramref name="backend"/>.</summary>
    public static Evaluation Evaluate(IBackend backend, Sequential model, Tensor x, Tensor y, int batchSize)
    {
        var predictions = backend.Predict(model, x, batchSize);
        var width = model.OutputShape[^1];
        var (lossSum, correct, rows) = LossFunctions.Score(model.CompiledLoss, predictions.ReadOnlySpan, y.ReadOnlySpan, width);
        return new Evaluation((float)(lossSum / rows), (float)correct / rows);
    }
}
