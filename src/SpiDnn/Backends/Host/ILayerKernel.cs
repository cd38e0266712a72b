namespace SpiDnn.Backends.Host;

/// <summary>
/// The host computation of one layer on a batch. Buffers are laid out row-major, one example
/// after another, and sized for the network's batch capacity; a kernel keeps whatever it needs
/// between its forward and backward pass in its own preallocated scratch, so a training step
/// allocates nothing.
/// </summary>
internal interface ILayerKernel
{
    /// <summary>Computes the layer outputs of <paramref name="batch"/> examples.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>
    /// Back-propagates one batch and applies the SGD step. <paramref name="gradient"/> holds the
    /// gradient of the batch-mean loss with respect to the outputs (or, when
    /// <paramref name="gradientIsPreActivation"/>, to the pre-activations) and may be
    /// overwritten. When <paramref name="inputGradient"/> is not empty the gradient with respect
    /// to the inputs is written there, computed with the weights from before the update.
    /// </summary>
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> gradient, bool gradientIsPreActivation,
        Span<float> inputGradient, int batch, float learningRate);
}
