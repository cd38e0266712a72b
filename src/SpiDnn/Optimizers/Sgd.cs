namespace SpiDnn.Optimizers;

/// <summary>
/// Plain stochastic gradient descent with a constant learning rate: after every batch
/// (the last, partial one of an epoch included) each weight moves by
/// <c>-learningRate * dL/dw</c>, where <c>L</c> is the mean loss over the batch.
/// </summary>
public sealed class Sgd
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size; finite and positive (Keras' default is 0.01).</param>
    public Sgd(float learningRate = 0.01f)
    {
        if (!float.IsFinite(learningRate) || learningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate),
                $"expected a positive finite learning rate. Received: learningRate={learningRate}");
        }
        LearningRate = learningRate;
    }

    /// <summary>The step size.</summary>
    public float LearningRate { get; }

    /// <inheritdoc/>
    public override string ToString() => $"SGD(learning_rate={LearningRate})";
}
