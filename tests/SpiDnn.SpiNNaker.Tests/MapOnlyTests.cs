using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// <see cref="SpiNNakerBackend.MapPredict"/> and <see cref="SpiNNakerBackend.MapFit"/> map a model
/// without running it: the mapping is the one a run then uses.
/// </summary>
public sealed class MapOnlyTests
{
    private static Sequential Model(SpiNNakerBackend backend)
    {
        var model = new Sequential(seed: 4).Add(new Input(6)).Add(new Dense(9, Activation.Relu)).Add(new Dense(3, Activation.Softmax));
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.2f), backend);
        return model;
    }

    private static (Tensor X, Tensor Y) Data(int n)
    {
        var x = Tensor.FromArray([.. Enumerable.Range(0, n * 6).Select(i => (float)Math.Cos(i * 0.7))], n, 6);
        var y = new Tensor(n, 3);
        for (var i = 0; i < n; i++)
        {
            y[i, i % 3] = 1;
        }

        return (x, y);
    }

    [Theory]
    [InlineData("blocked")]
    [InlineData("neuron")]
    public void MapPredict_GivesTheCoresAndChipsThePredictionThenUses(string mapping)
    {
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = mapping });
        var model = Model(backend);
        var (x, _) = Data(5);

        var summary = backend.MapPredict(model, x).CreateReport().Summary;
        model.Predict(x);

        Assert.Equal(backend.LastRun!.CoresUsed, summary.MachineVertices);
        Assert.Equal(backend.LastRun.ChipsUsed, summary.ChipsUsed);
        if (mapping == NeuronMapping.MappingName)
        {
            Assert.Equal(6 + 9 + 3 + 1, summary.MachineVertices); // one core per input and neuron, and the gatherer
        }
    }

    [Fact]
    public void MapFit_GivesTheCoresAndChipsOfTheBlockedTrainingRun()
    {
        var backend = new SpiNNakerBackend();
        var model = Model(backend);
        var (x, y) = Data(12);

        var summary = backend.MapFit(model, x, y, epochs: 2, batchSize: 4).CreateReport().Summary;
        model.Fit(x, y, epochs: 2, batchSize: 4);

        Assert.Equal(backend.LastRun!.CoresUsed, summary.MachineVertices);
        Assert.Equal(backend.LastRun.ChipsUsed, summary.ChipsUsed);
        Assert.Equal(0, summary.TablesCompressed);
    }

    [Fact]
    public void MapFit_OfAModelNotCompiled_IsRefused()
    {
        var backend = new SpiNNakerBackend();
        var model = new Sequential().Add(new Input(6)).Add(new Dense(3));
        var (x, y) = Data(4);

        var error = Assert.Throws<InvalidOperationException>(() => backend.MapFit(model, x, y, 1, 2));

        Assert.Contains("compile the model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapPredict_OfInputsOfTheWrongShape_NamesTheShapes()
    {
        var backend = new SpiNNakerBackend();
        var model = Model(backend);

        var error = Assert.Throws<ArgumentException>(() => backend.MapPredict(model, new Tensor(2, 5)));

        Assert.Contains("(2, 5)", error.Message, StringComparison.Ordinal);
    }
}
