using SpiDnn.Layers;

namespace SpiDnn.Tests.Oracles;

/// <summary>
/// The models of tools/make_fixtures.py (the seed's test models), written out as the script
/// defines them, once for every test project and the benchmarks (linked there).
/// </summary>
internal static class SeedModels
{
    /// <summary>Seed test (a): MLP 224-50 relu-50 softmax-300 tanh-50 sigmoid-25-17 softmax.</summary>
    public static Sequential Mlp() => new Sequential()
        .Add(new Input(224))
        .Add(new Dense(50, Activation.Relu))
        .Add(new Dense(50, Activation.Softmax))
        .Add(new Dense(300, Activation.Tanh))
        .Add(new Dense(50, Activation.Sigmoid))
        .Add(new Dense(25))
        .Add(new Dense(17, Activation.Softmax));

    /// <summary>Seed test (b1): same-padded Conv1D stack on 224 x 3.</summary>
    public static Sequential ConvSame() => new Sequential()
        .Add(new Input(224, 3))
        .Add(new Conv1D(1, 3, padding: Padding.Same))
        .Add(new Conv1D(5, 12, padding: Padding.Same))
        .Add(new Conv1D(16, 3, stride: 2, padding: Padding.Same))
        .Add(new Dense(16));

    /// <summary>Seed test (b2): strided Conv1D stack on 224 x 3.</summary>
    public static Sequential ConvStrided() => new Sequential()
        .Add(new Input(224, 3))
        .Add(new Conv1D(1, 7, stride: 2, padding: Padding.Same, activation: Activation.Relu))
        .Add(new Conv1D(5, 12, stride: 3, padding: Padding.Same, activation: Activation.Tanh))
        .Add(new Conv1D(16, 3, stride: 2, padding: Padding.Same, activation: Activation.Sigmoid))
        .Add(new Conv1D(16, 6, stride: 5, padding: Padding.Same, activation: Activation.Softmax))
        .Add(new Conv1D(5, 4, stride: 3, padding: Padding.Valid))
        .Add(new Dense(1));

    /// <summary>Seed test (c): the XOR MLP 2-50 relu-50 softmax-300 tanh-50 sigmoid-25-2 softmax.</summary>
    public static Sequential Xor() => Xor(seed: 0);

    /// <summary>Seed test (c) with its weights initialised from <paramref name="seed"/>.</summary>
    public static Sequential Xor(int seed) => new Sequential(seed)
        .Add(new Input(2))
        .Add(new Dense(50, Activation.Relu))
        .Add(new Dense(50, Activation.Softmax))
        .Add(new Dense(300, Activation.Tanh))
        .Add(new Dense(50, Activation.Sigmoid))
        .Add(new Dense(25))
        .Add(new Dense(2, Activation.Softmax));

    /// <summary>Fixture (d): two Conv1D layers and a Dense with known weights.</summary>
    public static Sequential TwoConvAndDense() => new Sequential()
        .Add(new Input(6, 3))
        .Add(new Conv1D(3, 3, activation: Activation.Relu))
        .Add(new Conv1D(2, 3, stride: 2, padding: Padding.Same, activation: Activation.Tanh))
        .Add(new Dense(1, Activation.Sigmoid));

    /// <summary>Fixture (e): MLP 20-32 relu-10 softmax.</summary>
    public static Sequential SoftmaxMlp() => new Sequential()
        .Add(new Input(20))
        .Add(new Dense(32, Activation.Relu))
        .Add(new Dense(10, Activation.Softmax));
}
