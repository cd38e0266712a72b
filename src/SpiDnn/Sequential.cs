using System.Globalization;
using System.Text;
using SpiDnn.Backends;
using SpiDnn.Backends.Host;
using SpiDnn.Layers;
using SpiDnn.Numerics;
using SpiDnn.Optimizers;
using SpiDnn.Serialization;
using SpiDnn.Training;

namespace SpiDnn;

/// <summary>
/// A stack of layers, each feeding the next, built and trained like a Keras
/// <c>Sequential</c> model:
/// <code>
/// var model = new Sequential(seed: 1)
///     .Add(new Input(784))
///     .Add(new Dense(128, Activation.Relu))
///     .Add(new Dense(10, Activation.Softmax));
/// model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.1f));
/// var history = model.Fit(x, y, epochs: 5, batchSize: 32);
/// </code>
/// The first layer must be an <see cref="Input"/>. Each layer is built when added: its shapes
/// are checked and its weights initialised (Glorot-uniform kernels from the model seed and the
/// layer's position, zero biases), so the same seed always gives the same initial weights.
/// </summary>
public sealed class Sequential
{
    private readonly List<Layer> _layers = [];
    private readonly int _seed;
    private Input? _input;

    /// <summary>Creates an empty model.</summary>
    /// <param name="seed">The seed of the weight initialisation.</param>
    public Sequential(int seed = 0) => _seed = seed;

    /// <summary>The layers after the input, in order (Keras' <c>model.layers</c>).</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The shape of one input example.</summary>
    public int[] InputShape => (_input ?? throw NoInput()).Shape;

    /// <summary>The shape of one output example.</summary>
    public int[] OutputShape => _layers.Count > 0 ? _layers[^1].OutputShape : InputShape;

    /// <summary>The loss chosen by <see cref="Compile"/>, or null before.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The optimiser chosen by <see cref="Compile"/>, or null before.</summary>
    public Sgd? Optimizer { get; private set; }

    /// <summary>The backend that runs the model (the host backend until <see cref="Compile"/> chooses another).</summary>
    public IBackend Backend { get; private set; } = new HostBackend();

    /// <summary>True after <see cref="Compile"/>.</summary>
    public bool IsCompiled => Loss is not null;

    internal Loss CompiledLoss => Loss ?? throw NotCompiled("evaluating a loss");

    /// <summary>The number of trainable values.</summary>
    public int ParameterCount => _layers.Sum(l => l.ParameterCount);

    /// <summary>
    /// Appends a layer and builds it on the previous layer's output shape. Returns the model
    /// (fluent). Throws when the layer does not fit (for example a Conv1D after a Dense).
    /// </summary>
    public Sequential Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is Input input)
        {
            if (_input is not null)
            {
                throw new ArgumentException("the model already has an Input layer; Input must come first, once", nameof(layer));
            }
            _input = input;
            input.Name = "input";
            return this;
        }
        if (_input is null)
        {
            throw new InvalidOperationException($"add an Input layer first: a {layer.TypeName} layer needs to know its input shape");
        }
        if (layer.IsBuilt)
        {
            throw new ArgumentException($"the layer '{layer.Name}' already belongs to a model; create a new layer", nameof(layer));
        }
        var index = _layers.Count;
        var previous = index == 0 ? _input.Shape : _layers[^1].OutputShape;
        var sameKind = _layers.Count(l => l.KerasStem == layer.KerasStem);
        // One generator per layer position: adding a layer never changes earlier layers' weights.
        var random = SplitMix64.ForStream(_seed, index);
        try
        {
            layer.Build(previous, ref random);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"cannot add layer {index + 1} ({layer.TypeName}) after an output of shape {Tensor.FormatShape(previous)}: {e.Message}", nameof(layer), e);
        }
        layer.Name = sameKind == 0 ? layer.KerasStem : $"{layer.KerasStem}_{sameKind}";
        _layers.Add(layer);
        return this;
    }

    /// <summary>Chooses the loss, the optimiser and the backend (the host backend when null).</summary>
    public void Compile(Loss loss, Sgd optimizer, IBackend? backend = null)
    {
        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss),
                $"expected one of {string.Join(", ", Enum.GetNames<Loss>())}. Received: loss={loss}");
        }
        ArgumentNullException.ThrowIfNull(optimizer);
        RequireLayers();
        Loss = loss;
        Optimizer = optimizer;
        Backend = backend ?? new HostBackend();
    }

    /// <summary>
    /// Trains the model with mini-batch SGD: <paramref name="epochs"/> passes over the data,
    /// the weights updated after every batch (the last, partial batch of an epoch included).
    /// </summary>
    /// <param name="x">Inputs, shape <c>[n, ...InputShape]</c>.</param>
    /// <param name="y">Labels, shape <c>[n, ...OutputShape]</c> (a vector of n for a single output).</param>
    /// <param name="epochs">Passes over the data (positive).</param>
    /// <param name="batchSize">Examples per weight update (positive).</param>
    /// <param name="shuffle">Visit the examples in a new seeded random order each epoch.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="validationData">Data to evaluate after every epoch, or null.</param>
    /// <param name="progress">Receives a report after every batch, or null.</param>
    /// <returns>The per-epoch loss and accuracy.</returns>
    public History Fit(Tensor x, Tensor y, int epochs, int batchSize, bool shuffle = true, int seed = 0,
        (Tensor X, Tensor Y)? validationData = null, IProgress<TrainingProgress>? progress = null)
    {
        var loss = Loss ?? throw NotCompiled("training");
        DataValidation.CheckPositive(epochs, nameof(epochs));
        DataValidation.CheckPositive(batchSize, nameof(batchSize));
        DataValidation.CheckInputs(x, InputShape, nameof(x));
        y = DataValidation.CheckLabels(y, OutputShape, x.Dim(0), loss, nameof(y));
        if (validationData is { } validation)
        {
            DataValidation.CheckInputs(validation.X, InputShape, "validationData.X");
            validationData = (validation.X, DataValidation.CheckLabels(validation.Y, OutputShape, validation.X.Dim(0), loss, "validationData.Y"));
        }
        var schedule = new BatchSchedule(x.Dim(0), batchSize, shuffle, seed);
        return Backend.Fit(this, new TrainingRun(x, y, epochs, schedule, validationData, progress));
    }

    /// <summary>The model's outputs for every example, shape <c>[n, ...OutputShape]</c>.</summary>
    public Tensor Predict(Tensor x, int batchSize = 256)
    {
        RequireLayers();
        DataValidation.CheckPositive(batchSize, nameof(batchSize));
        DataValidation.CheckInputs(x, InputShape, nameof(x));
        return Backend.Predict(this, x, batchSize);
    }

    /// <summary>The mean loss and the accuracy on (x, y).</summary>
    public Evaluation Evaluate(Tensor x, Tensor y, int batchSize = 256)
    {
        var loss = Loss ?? throw NotCompiled("evaluating");
        DataValidation.CheckPositive(batchSize, nameof(batchSize));
        DataValidation.CheckInputs(x, InputShape, nameof(x));
        y = DataValidation.CheckLabels(y, OutputShape, x.Dim(0), loss, nameof(y));
        return ModelScoring.Evaluate(Backend, this, x, y, batchSize);
    }

    /// <summary>
    /// Copies of all weights in Keras order and layout: per layer with weights, the kernel
    /// (Dense <c>[in, out]</c>, Conv1D <c>[kernel, channels, filters]</c>) then the bias.
    /// </summary>
    public IReadOnlyList<Tensor> GetWeights() => [.. _layers.SelectMany(l => l.Weights).Select(w => w.Clone())];

    /// <summary>Sets all weights from a list in the order and shapes of <see cref="GetWeights"/>; nothing changes on error.</summary>
    public void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var expected = _layers.Sum(l => l.Weights.Count);
        if (weights.Count != expected)
        {
            throw new ArgumentException($"the model has {expected} weight tensors. Received: {weights.Count}", nameof(weights));
        }
        if (weights.Any(w => w is null))
        {
            throw new ArgumentNullException(nameof(weights), "a weight tensor is null");
        }
        SetLayerWeights([.. Split(weights)], "SetWeights");
    }

    /// <summary>Writes the weights to a Keras-compatible HDF5 file (Keras 2 <c>save_weights</c> layout), atomically.</summary>
    public void SaveWeights(string path) => KerasWeightsFile.Write(path, this);

    /// <summary>Reads weights written by <see cref="SaveWeights"/> or by Keras 2 <c>save_weights</c> for the same architecture.</summary>
    public void LoadWeights(string path) => SetLayerWeights(KerasWeightsFile.Read(path, this), $"file '{path}'");

    /// <summary>A Keras-like text summary: one row per layer with output shape and parameter count.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        var rule = new string('_', 65);
        text.AppendLine(CultureInfo.InvariantCulture, $"Model: \"sequential\" (backend: {Backend.Name})");
        text.AppendLine(rule);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Layer (type)",-29}{"Output Shape",-22}{"Param #",14}");
        text.AppendLine(new string('=', 65));
        foreach (var layer in _layers)
        {
            var detail = layer.Activation == Activation.Identity ? "" : $" {layer.Activation.ToString().ToLowerInvariant()}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{$"{layer.Name} ({layer.TypeName}{detail})",-29}{Tensor.FormatShape([-1, .. layer.OutputShape]).Replace("-1", "None", StringComparison.Ordinal),-22}{layer.ParameterCount,14:N0}");
        }
        text.AppendLine(new string('=', 65));
        text.AppendLine(CultureInfo.InvariantCulture, $"Total params: {ParameterCount:N0}");
        if (IsCompiled)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Loss: {Loss}, optimizer: {Optimizer}");
        }
        return text.ToString();
    }

    private IEnumerable<IReadOnlyList<Tensor>> Split(IReadOnlyList<Tensor> weights)
    {
        var next = 0;
        foreach (var layer in _layers)
        {
            var count = layer.Weights.Count;
            yield return [.. weights.Skip(next).Take(count)];
            next += count;
        }
    }

    private void SetLayerWeights(IReadOnlyList<IReadOnlyList<Tensor>> perLayer, string source)
    {
        // Check everything first so that a bad tensor leaves the model unchanged.
        var snapshot = GetWeights();
        try
        {
            for (var i = 0; i < _layers.Count; i++)
            {
                _layers[i].AssignWeights(perLayer[i], source);
            }
        }
        catch
        {
            var next = 0;
            foreach (var w in _layers.SelectMany(l => l.Weights))
            {
                snapshot[next++].ReadOnlySpan.CopyTo(w.Span);
            }
            throw;
        }
    }

    private void RequireLayers()
    {
        if (_input is null || _layers.Count == 0)
        {
            throw new InvalidOperationException("the model needs an Input layer and at least one layer after it");
        }
    }

    private static InvalidOperationException NoInput() => new("the model has no Input layer yet");

    private static InvalidOperationException NotCompiled(string what) =>
        new($"call Compile(loss, optimizer) before {what}");
}
