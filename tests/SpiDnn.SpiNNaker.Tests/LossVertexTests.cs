using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// The loss vertex's gradients for the pairs that are not fused (categorical cross-entropy on
/// a sigmoid output, binary cross-entropy on a softmax output, mean squared error on a softmax
/// output): training must give the host's weights and losses.
/// </summary>
public sealed class LossVertexTests
{
    [Theory]
    [InlineData(Loss.CategoricalCrossEntropy, Activation.Sigmoid)]
    [InlineData(Loss.BinaryCrossEntropy, Activation.Softmax)]
    [InlineData(Loss.MeanSquaredError, Activation.Softmax)]
    public void UnfusedLossAndOutputActivation_TrainLikeTheHost(Loss loss, Activation output)
    {
        Sequential Build() => new Sequential(seed: 21).Add(new Input(3)).Add(new Dense(5, Activation.Tanh)).Add(new Dense(3, output));
        var x = Tensor.FromArray([.. Enumerable.Range(0, 6 * 3).Select(i => (float)Math.Sin(i * 0.9))], 6, 3);
        var y = Tensor.FromArray([.. Enumerable.Range(0, 6 * 3).Select(i => i % 3 == i / 3 % 3 ? 1f : 0f)], 6, 3);
        var host = Build();
        host.Compile(loss, new Sgd(0.3f));
        var expected = host.Fit(x, y, epochs: 2, batchSize: 4);
        var model = Build();
        model.Compile(loss, new Sgd(0.3f), Backends.SpiNN3());

        var history = model.Fit(x, y, epochs: 2, batchSize: 4);

        Compare.Within(host.GetWeights(), model.GetWeights(), 1e-5f);
        Assert.Equal(expected.Loss[1], history.Loss[1], 1e-5f);
        Assert.Equal(expected.Accuracy[1], history.Accuracy[1]);
    }
}
