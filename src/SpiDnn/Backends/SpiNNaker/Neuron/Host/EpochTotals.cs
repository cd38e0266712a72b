namespace SpiDnn.Backends.SpiNNaker.Neuron.Host;

/// <summary>What the loss vertex reported over one epoch: summed row losses, correct rows, rows.</summary>
/// <param name="LossSum">The sum of the row losses.</param>
/// <param name="Correct">The rows counted correct.</param>
/// <param name="Rows">The rows.</param>
internal readonly record struct EpochTotals(double LossSum, int Correct, int Rows)
{
    /// <summary>The mean row loss.</summary>
    public float Loss => Rows > 0 ? (float)(LossSum / Rows) : 0f;

    /// <summary>The fraction of correct rows.</summary>
    public float Accuracy => Rows > 0 ? (float)Correct / Rows : 0f;
}
