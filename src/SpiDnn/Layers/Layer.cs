using SpiDnn.Numerics;

namespace SpiDnn.Layers;

/// <summary>
/// A layer definition: its configuration, its input and output shapes (per example, without
/// the batch axis) and its weights in Keras order and layout. Layers hold no compute; a
/// backend (<see cref="Backends.IBackend"/>) runs them. A layer is built when it is added to a
/// <see cref="Sequential"/> model, which fixes its input shape and creates its weights.
/// </summary>
public abstract class Layer
{
    private int[]? _inputShape;
    private int[]? _outputShape;
    private Tensor[] _weights = [];

    /// <summary>The layer's name in the model (Keras style: <c>dense</c>, <c>dense_1</c>, ...); set when added.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The name stem Keras uses for layers of this type (<c>dense</c>, <c>conv1d</c>, <c>flatten</c>).</summary>
    internal abstract string KerasStem { get; }

    /// <summary>The Keras class name, shown by <see cref="Sequential.Summary"/>.</summary>
    public abstract string TypeName { get; }

    /// <summary>The activation applied to the layer's output (identity for layers without one).</summary>
    public virtual Activation Activation => Activation.Identity;

    /// <summary>True once the layer belongs to a model and knows its shapes.</summary>
    public bool IsBuilt => _outputShape is not null;

    /// <summary>The shape of one input example.</summary>
    public int[] InputShape => (int[])(_inputShape ?? throw NotBuilt()).Clone();

    /// <summary>The shape of one output example.</summary>
    public int[] OutputShape => (int[])(_outputShape ?? throw NotBuilt()).Clone();

    /// <summary>The number of values in one input example.</summary>
    public int InputLength => Product(_inputShape ?? throw NotBuilt());

    /// <summary>The number of values in one output example.</summary>
    public int OutputLength => Product(_outputShape ?? throw NotBuilt());

    /// <summary>The names of the weight tensors in Keras order (<c>kernel</c>, <c>bias</c>), empty for layers without weights.</summary>
    public virtual IReadOnlyList<string> WeightNames => [];

    /// <summary>The layer's own weight tensors in Keras order (live: backends read and update them in place).</summary>
    internal IReadOnlyList<Tensor> Weights => _weights;

    /// <summary>The number of trainable values.</summary>
    public int ParameterCount => _weights.Sum(w => w.Length);

    /// <summary>
    /// Fixes the input shape, validates it, computes the output shape and creates the weights,
    /// initialised from <paramref name="random"/>.
    /// </summary>
    internal void Build(int[] inputShape, ref SplitMix64 random)
    {
        _outputShape = ComputeOutputShape(inputShape);
        _inputShape = (int[])inputShape.Clone();
        _weights = CreateWeights(ref random);
    }

    /// <summary>The output shape for a given input shape; throws when the input does not fit the layer.</summary>
    internal abstract int[] ComputeOutputShape(int[] inputShape);

    /// <summary>Creates the weight tensors for the built shapes.</summary>
    internal virtual Tensor[] CreateWeights(ref SplitMix64 random) => [];

    /// <summary>Copies <paramref name="values"/> into the weights after checking their shapes and values.</summary>
    internal void AssignWeights(IReadOnlyList<Tensor> values, string source)
    {
        if (values.Count != _weights.Length)
        {
            throw new ArgumentException(
                $"layer '{Name}' ({TypeName}) expects {_weights.Length} weight tensors. Received: {values.Count} from {source}");
        }
        for (var i = 0; i < _weights.Length; i++)
        {
            if (!values[i].HasShape(_weights[i].Shape))
            {
                throw new ArgumentException(
                    $"layer '{Name}' ({TypeName}) expects {WeightNames[i]} of shape {Tensor.FormatShape(_weights[i].Shape)}. Received: shape {Tensor.FormatShape(values[i].Shape)} from {source}");
            }
            var bad = IndexOfNonFinite(values[i].ReadOnlySpan);
            if (bad >= 0)
            {
                throw new ArgumentException(
                    $"layer '{Name}' ({TypeName}) got a non-finite {WeightNames[i]} value at flat index {bad}. Received: {values[i].ReadOnlySpan[bad].ToString(System.Globalization.CultureInfo.InvariantCulture)} from {source}");
            }
        }
        for (var i = 0; i < _weights.Length; i++)
        {
            values[i].ReadOnlySpan.CopyTo(_weights[i].Span);
        }
    }

    /// <summary>The input shape as Keras prints it, for error messages.</summary>
    private protected static string Describe(int[] shape) => Tensor.FormatShape(shape);

    /// <summary>Keras' Glorot-uniform initialiser: uniform on [-l, l] with <c>l = sqrt(6 / (fanIn + fanOut))</c>.</summary>
    private protected static Tensor GlorotUniform(ref SplitMix64 random, int fanIn, int fanOut, params int[] shape)
    {
        var tensor = new Tensor(shape);
        var limit = MathF.Sqrt(6f / (fanIn + fanOut));
        var span = tensor.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (2f * random.NextSingle() - 1f) * limit;
        }
        return tensor;
    }

    /// <summary>Throws the Keras-style error for an argument that must be positive.</summary>
    private protected static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, $"expected a positive integer. Received: {name}={value}");

    /// <summary>Throws when an enum argument is not one of its defined values.</summary>
    private protected static T Defined<T>(T value, string name)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name,
            $"expected one of {string.Join(", ", Enum.GetNames<T>())}. Received: {name}={value}");

    internal static int Product(ReadOnlySpan<int> shape)
    {
        var product = 1;
        foreach (var size in shape)
        {
            product *= size;
        }
        return product;
    }

    internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        // Fast path: NaN and infinity propagate through a sum, so a finite sum proves every
        // value finite; only an overflowing or non-finite sum needs the element scan.
        if (float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(values)))
        {
            return -1;
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private InvalidOperationException NotBuilt() =>
        new($"layer '{(Name.Length > 0 ? Name : TypeName)}' is not built yet: add it to a Sequential model after an Input layer");
}
