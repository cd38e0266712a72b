namespace SpiDnn.Models;

/// <summary>
/// A named model definition for MNIST digits: how to build it, the loss it trains with, the
/// shape it wants its inputs in and the training settings it is tuned for. The CLI, the
/// benchmarks and every backend build the same model from it.
/// </summary>
public sealed class ZooModel
{
    private readonly Func<int, Sequential> _build;
    private readonly int[] _inputShape;

    internal ZooModel(string name, string description, Loss loss, int[] inputShape, TrainingDefaults defaults, Func<int, Sequential> build)
    {
        Name = name;
        Description = description;
        Loss = loss;
        _inputShape = inputShape;
        Defaults = defaults;
        _build = build;
    }

    /// <summary>The name used on the command line (for example <c>mlp</c>).</summary>
    public string Name { get; }

    /// <summary>One line describing the layers.</summary>
    public string Description { get; }

    /// <summary>The loss the model is compiled with.</summary>
    public Loss Loss { get; }

    /// <summary>The shape of one example as the model's <c>Input</c> layer expects it (a copy).</summary>
    public int[] InputShape => (int[])_inputShape.Clone();

    /// <summary>The tuned training settings.</summary>
    public TrainingDefaults Defaults { get; }

    /// <summary>Builds a new, uncompiled model whose weights are initialised from <paramref name="seed"/>.</summary>
    public Sequential Build(int seed = 0) => _build(seed);

    /// <summary>
    /// Reshapes rows of 784 pixels ([examples, 784], as <see cref="Data.Mnist"/> loads them)
    /// into the model's input shape ([examples, ...<see cref="InputShape"/>]).
    /// </summary>
    /// <exception cref="ArgumentException">The rows do not hold as many values as one input of the model.</exception>
    public Tensor PrepareInputs(Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var perExample = 1;
        foreach (var size in _inputShape)
        {
            perExample *= size;
        }
        var examples = pixels.Shape[0];
        if (pixels.Length != examples * perExample)
        {
            throw new ArgumentException(
                $"model {Name} needs {perExample} values per example (shape [{string.Join(", ", _inputShape)}]). Received: shape [{string.Join(", ", pixels.Shape)}]",
                nameof(pixels));
        }
        return pixels.Reshape([examples, .. _inputShape]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Description}";
}
