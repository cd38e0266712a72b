namespace SpiDnn.Backends.Host;

/// <summary>
/// Host computation of a Flatten layer: the row-major memory of an example is already its
/// flattened vector, so both passes are copies.
/// </summary>
internal sealed class FlattenKernel(int length) : ILayerKernel
{
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        input[..(batch * length)].CopyTo(output);

    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> gradient, bool gradientIsPreActivation,
        Span<float> inputGradient, int batch, float learningRate)
    {
        if (!inputGradient.IsEmpty)
        {
            gradient[..(batch * length)].CopyTo(inputGradient);
        }
    }
}
