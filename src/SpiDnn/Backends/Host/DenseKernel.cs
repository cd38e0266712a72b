using System.Numerics.Tensors;
using SpiDnn.Layers;

namespace SpiDnn.Backends.Host;

/// <summary>
/// Host computation of a <see cref="Dense"/> layer: <c>Z = X W + b</c> and the activation
/// forward; backward <c>dX = dZ W^T</c>, <c>W -= lr X^T dZ</c>, <c>b -= lr sum_rows dZ</c>.
/// Works directly on the layer's Keras-layout weight tensors.
/// </summary>
internal sealed class DenseKernel : ILayerKernel
{
    private readonly Dense _layer;
    private readonly float[] _kernel;
    private readonly float[] _bias;
    private readonly float[] _kernelTransposed;
    private readonly float[] _biasGradient;
    private readonly int _inputs;
    private readonly int _units;

    public DenseKernel(Dense layer)
    {
        _layer = layer;
        _kernel = layer.Weights[0].Data;
        _bias = layer.Weights[1].Data;
        _inputs = layer.InputLength;
        _units = layer.Units;
        _biasGradient = new float[_units];
        _kernelTransposed = new float[_inputs * _units];
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        var z = output[..(batch * _units)];
        for (var r = 0; r < batch; r++)
        {
            _bias.CopyTo(z.Slice(r * _units, _units));
        }
        MatrixMultiply.Multiply(input, _kernel, z, batch, _inputs, _units, accumulate: true);
        ActivationKernels.Forward(_layer.Activation, z, _units);
    }

    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> gradient, bool gradientIsPreActivation,
        Span<float> inputGradient, int batch, float learningRate)
    {
        var dz = gradient[..(batch * _units)];
        if (!gradientIsPreActivation)
        {
            ActivationKernels.Backward(_layer.Activation, output[..dz.Length], dz, _units);
        }
        if (!inputGradient.IsEmpty)
        {
            MatrixMultiply.Transpose(_kernel, _kernelTransposed, _inputs, _units);
            MatrixMultiply.Multiply(dz, _kernelTransposed, inputGradient, batch, _units, _inputs);
        }
        MatrixMultiply.MultiplyTransposedAAdd(input, dz, _kernel, batch, _inputs, _units, -learningRate);
        _biasGradient.AsSpan().Clear();
        for (var r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(_biasGradient, dz.Slice(r * _units, _units), _biasGradient);
        }
        TensorPrimitives.MultiplyAdd(_biasGradient, -learningRate, _bias, _bias);
    }
}
