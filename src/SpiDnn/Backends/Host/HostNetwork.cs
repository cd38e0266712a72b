using SpiDnn.Layers;

namespace SpiDnn.Backends.Host;

/// <summary>
/// A model laid out for the host: one kernel per layer and every buffer a batch of up to
/// <see cref="Capacity"/> examples needs (the output of each layer, two gradient buffers used
/// in turn), allocated once, so that running a batch allocates nothing.
/// </summary>
internal sealed class HostNetwork
{
    private readonly ILayerKernel[] _kernels;
    private readonly Layer[] _layers;
    private readonly float[][] _outputs;
    private readonly float[] _gradientA;
    private readonly float[] _gradientB;

    public HostNetwork(Sequential model, int capacity)
    {
        Capacity = capacity;
        _layers = [.. model.Layers];
        _kernels = [.. _layers.Select(l => CreateKernel(l, capacity))];
        _outputs = [.. _layers.Select(l => new float[capacity * l.OutputLength])];
        var widest = _layers.Max(l => Math.Max(l.InputLength, l.OutputLength));
        _gradientA = new float[capacity * widest];
        _gradientB = new float[capacity * widest];
        InputLength = _layers[0].InputLength;
        OutputLength = _layers[^1].OutputLength;
        OutputWidth = _layers[^1].OutputShape[^1];
        OutputActivation = _layers[^1].Activation;
    }

    /// <summary>The largest batch the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>Values per input example.</summary>
    public int InputLength { get; }

    /// <summary>Values per output example.</summary>
    public int OutputLength { get; }

    /// <summary>The length of the output's last axis (the rows of the loss).</summary>
    public int OutputWidth { get; }

    /// <summary>The activation of the last layer.</summary>
    public Activation OutputActivation { get; }

    /// <summary>Runs the forward pass; returns the outputs of the batch (a view of an internal buffer).</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch)
    {
        for (var i = 0; i < _kernels.Length; i++)
        {
            var source = i == 0 ? input : _outputs[i - 1];
            _kernels[i].Forward(source, _outputs[i], batch);
        }
        return _outputs[^1].AsSpan(0, batch * OutputLength);
    }

    /// <summary>The buffer the loss gradient of the output is written into before <see cref="Backward"/>.</summary>
    public Span<float> OutputGradient(int batch) => _gradientA.AsSpan(0, batch * OutputLength);

    /// <summary>
    /// Back-propagates the gradient left in <see cref="OutputGradient"/> through every layer,
    /// updating each layer's weights by SGD. The first layer computes no input gradient
    /// (nothing consumes it).
    /// </summary>
    public void Backward(ReadOnlySpan<float> input, int batch, bool gradientIsPreActivation, float learningRate)
    {
        var gradient = _gradientA;
        var next = _gradientB;
        for (var i = _kernels.Length - 1; i >= 0; i--)
        {
            var source = i == 0 ? input : _outputs[i - 1];
            var inputGradient = i == 0 ? Span<float>.Empty : next.AsSpan(0, batch * _layers[i].InputLength);
            _kernels[i].Backward(source, _outputs[i], gradient, gradientIsPreActivation && i == _kernels.Length - 1,
                inputGradient, batch, learningRate);
            (gradient, next) = (next, gradient);
        }
    }

    private static ILayerKernel CreateKernel(Layer layer, int capacity) => layer switch
    {
        Dense dense => new DenseKernel(dense),
        Conv1D conv => new Conv1DKernel(conv, capacity),
        Flatten flatten => new FlattenKernel(flatten.OutputLength),
        _ => throw new NotSupportedException($"the host backend has no kernel for layer '{layer.Name}' ({layer.TypeName})"),
    };
}
