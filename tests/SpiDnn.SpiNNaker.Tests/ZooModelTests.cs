using SpiDnn.Backends.Host;
using SpiDnn.Data;
using SpiDnn.Models;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// The project's MNIST models on a SpiNN-5 with the neuron mapping: the default MLP (784
/// inputs, so its input neurons share cores) and the Conv1D model (28 channels per input
/// position, 32 filters) predict the embedded test digits like the host backend.
/// </summary>
public sealed class ZooModelTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn1d")]
    public void ZooModel_PredictsTestDigitsLikeTheHost(string name)
    {
        var zoo = ModelZoo.Get(name);
        var model = zoo.Build(seed: 4);
        var x = zoo.PrepareInputs(Mnist.LoadEmbedded().Test.Take(3).X);
        var backend = Backends.SpiNN5();

        var predictions = backend.Predict(model, x, 3);

        Compare.Within(new HostBackend().Predict(model, x, 3), predictions, 1e-5f);
        Assert.Equal(0, backend.LastRun!.PacketsDropped);
    }
}
