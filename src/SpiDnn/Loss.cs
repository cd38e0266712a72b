namespace SpiDnn;

/// <summary>
/// Training losses with Keras semantics. Each gives one value per example; the training
/// loss of a batch is the mean of those values over the batch. The exact formulas are in
/// docs/library.md.
/// </summary>
public enum Loss
{
    /// <summary>Mean over the outputs of <c>(y - p)^2</c>.</summary>
    MeanSquaredError,

    /// <summary>
    /// <c>-sum_i y_i log p_i</c>; labels must be one-hot. After a softmax output it is computed
    /// from the logits (exact); otherwise <c>p</c> is normalised to sum 1 and clipped to
    /// [1e-7, 1 - 1e-7] as Keras does.
    /// </summary>
    CategoricalCrossEntropy,

    /// <summary>
    /// Mean over the outputs of <c>-(y log p + (1 - y) log(1 - p))</c>; labels must lie in
    /// [0, 1]. After a sigmoid output it is computed from the logits (exact); otherwise
    /// <c>p</c> is clipped to [1e-7, 1 - 1e-7] as Keras does.
    /// </summary>
    BinaryCrossEntropy,
}
