using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.Models;

/// <summary>
/// The project's reference models for MNIST digits, shared by the CLI, the benchmarks and
/// the backends so that every figure is measured on the same definitions.
/// </summary>
public static class ModelZoo
{
    /// <summary>
    /// <c>mlp</c>: 784 -> Dense 128 relu -> Dense 10 softmax, categorical cross-entropy
    /// (101,770 parameters).
    /// </summary>
    public static ZooModel Mlp { get; } = new(
        "mlp",
        "784 -> Dense 128 relu -> Dense 10 softmax",
        Loss.CategoricalCrossEntropy,
        [Data.Mnist.PixelCount],
        new TrainingDefaults(Epochs: 15, BatchSize: 32, LearningRate: 0.4f),
        seed => new Sequential(seed)
            .Add(new Input(Data.Mnist.PixelCount))
            .Add(new Dense(128, Activation.Relu))
            .Add(new Dense(Data.Mnist.ClassCount, Activation.Softmax)));

    /// <summary>
    /// <c>cnn1d</c>: the image as 28 positions (rows) x 28 channels (columns) -> Conv1D 32
    /// filters, kernel 5, stride 2, relu (12 positions) -> Conv1D 32 filters, kernel 3, relu
    /// (10 positions) -> Dense 10 softmax (flattening its 10 x 32 input implicitly),
    /// categorical cross-entropy
    /// (4,512 + 3,104 + 3,210 = 10,826 parameters).
    /// </summary>
    public static ZooModel Cnn1D { get; } = new(
        "cnn1d",
        "28 x 28 -> Conv1D 32 k5 s2 relu -> Conv1D 32 k3 relu -> Dense 10 softmax",
        Loss.CategoricalCrossEntropy,
        [Data.Mnist.ImageSide, Data.Mnist.ImageSide],
        new TrainingDefaults(Epochs: 10, BatchSize: 32, LearningRate: 0.2f),
        seed => new Sequential(seed)
            .Add(new Input(Data.Mnist.ImageSide, Data.Mnist.ImageSide))
            .Add(new Conv1D(32, kernelSize: 5, stride: 2, activation: Activation.Relu))
            .Add(new Conv1D(32, kernelSize: 3, activation: Activation.Relu))
            .Add(new Dense(Data.Mnist.ClassCount, Activation.Softmax)));

    /// <summary>Every zoo model, in the order the CLI lists them.</summary>
    public static IReadOnlyList<ZooModel> All { get; } = [Mlp, Cnn1D];

    /// <summary>The names of the zoo models (<c>mlp</c>, <c>cnn1d</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The model named <paramref name="name"/> (case-sensitive).</summary>
    /// <exception cref="ArgumentException">No zoo model has that name.</exception>
    public static ZooModel Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(m => m.Name == name)
            ?? throw new ArgumentException($"expected one of the zoo models {string.Join(", ", Names)}. Received: '{name}'", nameof(name));
    }

    /// <summary>Builds the model and compiles it with its loss and SGD at <paramref name="learningRate"/>.</summary>
    public static Sequential BuildCompiled(ZooModel model, int seed, float learningRate, Backends.IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sequential = model.Build(seed);
        sequential.Compile(model.Loss, new Sgd(learningRate), backend);
        return sequential;
    }
}
