using SpiDnn.Data;
using SpiDnn.Layers;
using SpiDnn.Models;

namespace SpiDnn.Tests.Models;

public sealed class ModelZooTests
{
    [Fact]
    public void Mlp_Is784To128ReluTo10SoftmaxWith101770Parameters()
    {
        var model = ModelZoo.Mlp.Build(seed: 1);

        Assert.Equal([784], model.InputShape);
        Assert.Collection(model.Layers,
            l => Assert.Equal((128, Activation.Relu), (((Dense)l).Units, l.Activation)),
            l => Assert.Equal((10, Activation.Softmax), (((Dense)l).Units, l.Activation)));
        Assert.Equal((784 * 128) + 128 + (128 * 10) + 10, model.ParameterCount);
        Assert.Equal(Loss.CategoricalCrossEntropy, ModelZoo.Mlp.Loss);
    }

    [Fact]
    public void Cnn1D_TakesRowsAsPositionsAndColumnsAsChannels()
    {
        var model = ModelZoo.Cnn1D.Build(seed: 1);

        Assert.Equal([28, 28], model.InputShape);
        var conv1 = Assert.IsType<Conv1D>(model.Layers[0]);
        var conv2 = Assert.IsType<Conv1D>(model.Layers[1]);
        var dense = Assert.IsType<Dense>(model.Layers[2]);
        Assert.Equal([12, 32], conv1.OutputShape); // (28 - 5) / 2 + 1 positions
        Assert.Equal([10, 32], conv2.OutputShape); // 12 - 3 + 1 positions
        Assert.Equal((Activation.Relu, Activation.Relu, Activation.Softmax), (conv1.Activation, conv2.Activation, dense.Activation));
        Assert.Equal(10, dense.Units);
        Assert.Equal((5 * 28 * 32) + 32 + (3 * 32 * 32) + 32 + (320 * 10) + 10, model.ParameterCount);
    }

    [Fact]
    public void PrepareInputs_Cnn1D_ReshapesPixelRowsToImagesWithoutReordering()
    {
        var pixels = Tensor.FromArray([.. Enumerable.Range(0, 2 * 784).Select(i => (float)i)], 2, 784);

        var images = ModelZoo.Cnn1D.PrepareInputs(pixels);

        Assert.Equal([2, 28, 28], images.Shape);
        Assert.Equal(784f + (3 * 28) + 5, images[1, 3, 5]); // image 1, row (position) 3, column (channel) 5
        var flat = ModelZoo.Mlp.PrepareInputs(pixels);
        Assert.Equal([2, 784], flat.Shape);
        Assert.Equal(784f + 100, flat[1, 100]);
    }

    [Fact]
    public void PrepareInputs_WrongRowLength_ThrowsNamingModelAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Cnn1D.PrepareInputs(new Tensor(3, 100)));
        Assert.Contains("model cnn1d needs 784 values per example", e.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 100]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingTheKnownModels()
    {
        Assert.Same(ModelZoo.Cnn1D, ModelZoo.Get("cnn1d"));
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Get("resnet"));
        Assert.Contains("mlp, cnn1d", e.Message, StringComparison.Ordinal);
        Assert.Contains("'resnet'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SameSeed_GivesIdenticalWeights_DifferentSeedDoesNot()
    {
        var a = ModelZoo.Cnn1D.Build(seed: 7).GetWeights();
        var b = ModelZoo.Cnn1D.Build(seed: 7).GetWeights();
        var c = ModelZoo.Cnn1D.Build(seed: 8).GetWeights();

        Assert.True(a.Zip(b).All(p => p.First.ReadOnlySpan.SequenceEqual(p.Second.ReadOnlySpan)));
        Assert.False(a[0].ReadOnlySpan.SequenceEqual(c[0].ReadOnlySpan));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn1d")]
    public void Defaults_TrainToAtLeast95PercentOnTheEmbeddedTestSet(string name)
    {
        // The promise of TrainingDefaults and of `spidnn train` (seed 0, as the CLI's default).
        // About 12 s per model in Debug: the one slow test here, and the guard of a headline figure.
        var zoo = ModelZoo.Get(name);
        var (train, test) = Mnist.LoadEmbedded();
        var model = ModelZoo.BuildCompiled(zoo, seed: 0, zoo.Defaults.LearningRate);

        model.Fit(zoo.PrepareInputs(train.X), train.Y, zoo.Defaults.Epochs, zoo.Defaults.BatchSize, seed: 0);
        var evaluation = model.Evaluate(zoo.PrepareInputs(test.X), test.Y);

        Assert.InRange(evaluation.Accuracy, 0.95f, 1f);
    }
}
