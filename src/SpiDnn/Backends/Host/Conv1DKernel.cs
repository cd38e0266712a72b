using System.Numerics.Tensors;
using SpiDnn.Layers;

namespace SpiDnn.Backends.Host;

/// <summary>
/// Host computation of a <see cref="Conv1D"/> layer by im2col: each output position's input
/// window (<c>kernelSize x channels</c> values, zeros where it overhangs the padded ends) is
/// copied into one row of a patch matrix, so the convolution is the product of the patch
/// matrix with the Keras kernel seen as a <c>[kernelSize * channels, filters]</c> matrix,
/// exactly like a Dense layer. Backward runs the same products transposed and scatters the
/// patch gradients back onto the input positions (col2im).
/// </summary>
internal sealed class Conv1DKernel : ILayerKernel
{
    private readonly Conv1D _layer;
    private readonly float[] _kernel;
    private readonly float[] _bias;
    private readonly float[] _kernelTransposed;
    private readonly float[] _biasGradient;
    private readonly float[] _patches;
    private readonly float[] _patchGradient;
    private readonly int _steps;
    private readonly int _channels;
    private readonly int _outSteps;
    private readonly int _filters;
    private readonly int _window;
    private readonly int _padBefore;

    public Conv1DKernel(Conv1D layer, int capacity)
    {
        _layer = layer;
        _kernel = layer.Weights[0].Data;
        _bias = layer.Weights[1].Data;
        _steps = layer.InputSteps;
        _channels = layer.Channels;
        _outSteps = layer.OutputSteps;
        _filters = layer.Filters;
        _window = layer.KernelSize * _channels;
        _padBefore = layer.PadBefore;
        _biasGradient = new float[_filters];
        _kernelTransposed = new float[_window * _filters];
        _patches = new float[capacity * _outSteps * _window];
        _patchGradient = new float[capacity * _outSteps * _window];
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        var rows = batch * _outSteps;
        BuildPatches(input, batch);
        var z = output[..(rows * _filters)];
        for (var r = 0; r < rows; r++)
        {
            _bias.CopyTo(z.Slice(r * _filters, _filters));
        }
        MatrixMultiply.Multiply(_patches, _kernel, z, rows, _window, _filters, accumulate: true);
        ActivationKernels.Forward(_layer.Activation, z, _filters);
    }

    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> gradient, bool gradientIsPreActivation,
        Span<float> inputGradient, int batch, float learningRate)
    {
        var rows = batch * _outSteps;
        var dz = gradient[..(rows * _filters)];
        if (!gradientIsPreActivation)
        {
            ActivationKernels.Backward(_layer.Activation, output[..dz.Length], dz, _filters);
        }
        if (!inputGradient.IsEmpty)
        {
            MatrixMultiply.Transpose(_kernel, _kernelTransposed, _window, _filters);
            MatrixMultiply.Multiply(dz, _kernelTransposed, _patchGradient, rows, _filters, _window);
            ScatterPatches(inputGradient, batch);
        }
        // The patches still hold this batch's forward inputs.
        MatrixMultiply.MultiplyTransposedAAdd(_patches, dz, _kernel, rows, _window, _filters, -learningRate);
        _biasGradient.AsSpan().Clear();
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(_biasGradient, dz.Slice(r * _filters, _filters), _biasGradient);
        }
        TensorPrimitives.MultiplyAdd(_biasGradient, -learningRate, _bias, _bias);
    }

    private void BuildPatches(ReadOnlySpan<float> input, int batch)
    {
        var kernelSize = _layer.KernelSize;
        var stride = _layer.Stride;
        var exampleLength = _steps * _channels;
        for (var b = 0; b < batch; b++)
        {
            var example = input.Slice(b * exampleLength, exampleLength);
            for (var p = 0; p < _outSteps; p++)
            {
                var patch = _patches.AsSpan((b * _outSteps + p) * _window, _window);
                for (var k = 0; k < kernelSize; k++)
                {
                    var position = p * stride + k - _padBefore;
                    var target = patch.Slice(k * _channels, _channels);
                    if ((uint)position < (uint)_steps)
                    {
                        example.Slice(position * _channels, _channels).CopyTo(target);
                    }
                    else
                    {
                        target.Clear();
                    }
                }
            }
        }
    }

    private void ScatterPatches(Span<float> inputGradient, int batch)
    {
        var kernelSize = _layer.KernelSize;
        var stride = _layer.Stride;
        var exampleLength = _steps * _channels;
        inputGradient[..(batch * exampleLength)].Clear();
        for (var b = 0; b < batch; b++)
        {
            var example = inputGradient.Slice(b * exampleLength, exampleLength);
            for (var p = 0; p < _outSteps; p++)
            {
                var patch = _patchGradient.AsSpan((b * _outSteps + p) * _window, _window);
                for (var k = 0; k < kernelSize; k++)
                {
                    var position = p * stride + k - _padBefore;
                    if ((uint)position < (uint)_steps)
                    {
                        var target = example.Slice(position * _channels, _channels);
                        TensorPrimitives.Add(target, patch.Slice(k * _channels, _channels), target);
                    }
                }
            }
        }
    }
}
