using SpiDnn.Layers;

namespace SpiDnn.Tests;

public sealed class LayerDefinitionTests
{
    [Fact]
    public void Dense_ZeroUnits_KerasStyleMessage()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(0));

        Assert.Contains("expected a positive integer. Received: units=0", error.Message, StringComparison.Ordinal);
        Assert.Equal("units", error.ParamName);
    }

    [Theory]
    [InlineData(0, 3, 1, "filters=0")]
    [InlineData(2, 0, 1, "kernelSize=0")]
    [InlineData(2, 3, -1, "stride=-1")]
    public void Conv1D_NonPositiveArgument_NamesArgumentAndValue(int filters, int kernel, int stride, string received)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1D(filters, kernel, stride));

        Assert.Contains($"Received: {received}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownActivationOrPaddingValue_IsRejectedNamingIt()
    {
        var activation = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(3, (Activation)42));
        var padding = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1D(3, 3, padding: (Padding)7));

        Assert.Contains("activation=42", activation.Message, StringComparison.Ordinal);
        Assert.Contains("padding=7", padding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_ZeroSize_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Input(224, 0));

        Assert.Contains("(224, 0)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Keras/TensorFlow "same": out = ceil(n / s), pad_total = max((out - 1) s + k - n, 0), before = total / 2.
    [InlineData(5, 8, 1, 5, 3, 4)]      // the seed's test: 5 inputs, kernel 8 -> first window starts 3 before
    [InlineData(224, 12, 1, 224, 5, 6)] // even kernel: the extra zero goes at the end
    [InlineData(224, 3, 2, 112, 0, 1)]  // stride 2 on an even length: one zero, at the end
    [InlineData(19, 6, 5, 4, 1, 1)]
    [InlineData(10, 1, 3, 4, 0, 0)]
    public void Conv1DSame_OutputLengthAndPadding_FollowTensorFlow(int steps, int kernel, int stride, int outSteps, int before, int after)
    {
        var model = new Sequential().Add(new Input(steps, 2)).Add(new Conv1D(3, kernel, stride, Padding.Same));
        var conv = (Conv1D)model.Layers[0];

        Assert.Equal([outSteps, 3], conv.OutputShape);
        Assert.Equal((before, after), conv.SamePadding(steps));
    }

    [Theory]
    [InlineData(224, 4, 3, 74)]
    [InlineData(4, 4, 3, 1)]
    [InlineData(13, 5, 2, 5)]
    public void Conv1DValid_OutputLength_IsFloorOfRemainingOverStridePlusOne(int steps, int kernel, int stride, int outSteps)
    {
        var model = new Sequential().Add(new Input(steps, 1)).Add(new Conv1D(2, kernel, stride));

        Assert.Equal([outSteps, 2], model.OutputShape);
    }

    [Fact]
    public void DenseAfterConv_FlattensImplicitly_InputLengthIsStepsTimesFilters()
    {
        var model = new Sequential()
            .Add(new Input(224, 3))
            .Add(new Conv1D(16, 3, 2, Padding.Same))
            .Add(new Dense(16));

        Assert.Equal(112 * 16, model.Layers[1].InputLength);
        Assert.Equal([112 * 16, 16], model.GetWeights()[2].Shape);
    }

    [Fact]
    public void Conv1DAfterDense_IsRejectedWithTheShape()
    {
        var model = new Sequential().Add(new Input(10)).Add(new Dense(4));

        var error = Assert.Throws<ArgumentException>(() => model.Add(new Conv1D(2, 3)));

        Assert.Contains("input_shape=(4,)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv1DValid_KernelLongerThanInput_IsRejected()
    {
        var model = new Sequential().Add(new Input(3, 1));

        var error = Assert.Throws<ArgumentException>(() => model.Add(new Conv1D(2, 5)));

        Assert.Contains("kernelSize=5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerBeforeInput_IsRejected()
    {
        Assert.Throws<InvalidOperationException>(() => new Sequential().Add(new Dense(3)));
    }

    [Fact]
    public void SameLayerInTwoModels_IsRejected()
    {
        var dense = new Dense(3);
        new Sequential().Add(new Input(2)).Add(dense);

        Assert.Throws<ArgumentException>(() => new Sequential().Add(new Input(2)).Add(dense));
    }

    [Fact]
    public void Names_FollowKerasNumbering()
    {
        var model = new Sequential()
            .Add(new Input(8, 1)).Add(new Conv1D(2, 3)).Add(new Conv1D(2, 3)).Add(new Flatten()).Add(new Dense(4)).Add(new Dense(1));

        Assert.Equal(["conv1d", "conv1d_1", "flatten", "dense", "dense_1"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void Initialisation_GlorotUniformKernelsWithinLimitAndZeroBiases_SameSeedSameWeights()
    {
        Sequential Build(int seed) => new Sequential(seed).Add(new Input(300)).Add(new Dense(200)).Add(new Dense(10));
        var weights = Build(5).GetWeights();
        var limit = MathF.Sqrt(6f / (300 + 200));

        Assert.All(weights[0].ToArray(), v => Assert.InRange(v, -limit, limit));
        Assert.All(weights[1].ToArray(), v => Assert.Equal(0f, v));
        // Uniform on [-l, l]: variance l^2 / 3.
        var variance = weights[0].ToArray().Average(v => (double)v * v);
        Assert.Equal(limit * limit / 3, variance, 0.02 * limit * limit);
        Assert.Equal(weights[0].ToArray(), Build(5).GetWeights()[0].ToArray());
        Assert.NotEqual(weights[0].ToArray(), Build(6).GetWeights()[0].ToArray());
    }

    [Fact]
    public void Summary_ListsLayersShapesAndParameterCounts()
    {
        var model = new Sequential().Add(new Input(784)).Add(new Dense(128, Activation.Relu)).Add(new Dense(10, Activation.Softmax));

        var summary = model.Summary();

        Assert.Contains("(None, 128)", summary, StringComparison.Ordinal);
        Assert.Contains("100,480", summary, StringComparison.Ordinal);
        Assert.Contains("Total params: 101,770", summary, StringComparison.Ordinal);
    }
}
