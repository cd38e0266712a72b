using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// Conv1D training, which the seed never got working beyond a tiny model, against the host
/// backend: padding offsets, strides, the kernel-update exchange (every neuron's copy of the
/// kernel must end identical, which the read-back checks bit for bit), several shuffled
/// epochs with a partial last batch, a Conv1D output layer (the loss over positions), and the
/// shared-parameters variant on a Conv1D layer feeding a Dense one.
/// </summary>
public sealed class Conv1DTrainingTests
{
    private const float WeightTolerance = 1e-4f;

    private static (Tensor X, Tensor Y) Data(int examples, int steps, int channels, int outputs, int seed)
    {
        var random = new Random(seed);
        var x = new float[examples * steps * channels];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }
        var y = new float[examples * outputs];
        for (var e = 0; e < examples; e++)
        {
            y[(e * outputs) + random.Next(outputs)] = 1f;
        }
        return (Tensor.FromArray(x, examples, steps, channels), Tensor.FromArray(y, examples, outputs));
    }

    [Fact]
    public void ConvConvDenseWithPaddingAndStride_ThreeShuffledEpochsWithAPartialBatch_TrainsLikeTheHost()
    {
        static Sequential Build() => new Sequential(seed: 11)
            .Add(new Input(10, 2))
            .Add(new Conv1D(3, 3, padding: Padding.Same, activation: Activation.Relu))
            .Add(new Conv1D(2, 4, stride: 2, padding: Padding.Same, activation: Activation.Tanh))
            .Add(new Dense(3, Activation.Softmax));
        var (x, y) = Data(examples: 7, steps: 10, channels: 2, outputs: 3, seed: 1);

        AssertTrainsLikeHost(Build, x, y, Loss.CategoricalCrossEntropy, 0.2f, epochs: 3, batchSize: 3, BackwardVariant.MulticastEachError);
    }

    [Fact]
    public void Conv1DOutputLayer_LossOverPositions_TrainsLikeTheHost()
    {
        static Sequential Build() => new Sequential(seed: 12)
            .Add(new Input(8, 2))
            .Add(new Conv1D(3, 3, padding: Padding.Same, activation: Activation.Sigmoid))
            .Add(new Conv1D(2, 2, activation: Activation.Softmax));
        var (x, _) = Data(examples: 4, steps: 8, channels: 2, outputs: 1, seed: 2);
        var labels = new float[4 * 7 * 2];
        for (var i = 0; i < labels.Length; i += 2)
        {
            labels[i + (i / 2 % 2)] = 1f;
        }
        var y = Tensor.FromArray(labels, 4, 7, 2);

        AssertTrainsLikeHost(Build, x, y, Loss.CategoricalCrossEntropy, 0.3f, epochs: 2, batchSize: 2, BackwardVariant.MulticastEachError);
    }

    [Fact]
    public void ConvFeedingDense_WithSharedParameters_TrainsLikeTheHost()
    {
        static Sequential Build() => new Sequential(seed: 13)
            .Add(new Input(6, 3))
            .Add(new Conv1D(4, 3, stride: 2, activation: Activation.Tanh))
            .Add(new Dense(5, Activation.Sigmoid))
            .Add(new Dense(2));
        var (x, y) = Data(examples: 5, steps: 6, channels: 3, outputs: 2, seed: 3);

        AssertTrainsLikeHost(Build, x, y, Loss.MeanSquaredError, 0.1f, epochs: 2, batchSize: 2, BackwardVariant.SharedParameters);
    }

    private static void AssertTrainsLikeHost(Func<Sequential> build, Tensor x, Tensor y, Loss loss, float learningRate, int epochs, int batchSize, BackwardVariant variant)
    {
        var host = build();
        host.Compile(loss, new Sgd(learningRate));
        var hostHistory = host.Fit(x, y, epochs, batchSize, shuffle: true, seed: 5);
        var model = build();
        model.Compile(loss, new Sgd(learningRate), Backends.SpiNN5(variant));
        var initial = model.GetWeights();

        var history = model.Fit(x, y, epochs, batchSize, shuffle: true, seed: 5);

        Compare.Within(host.GetWeights(), model.GetWeights(), WeightTolerance);
        Compare.StepsMatch(initial, host.GetWeights(), model.GetWeights());
        for (var e = 0; e < epochs; e++)
        {
            Assert.Equal(hostHistory.Loss[e], history.Loss[e], 1e-4f);
            Assert.Equal(hostHistory.Accuracy[e], history.Accuracy[e]);
        }
    }
}
