using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.Tests;

/// <summary>Every kind of bad input gets an exception naming the argument and the value received.</summary>
public sealed class BadInputTests
{
    private static Sequential Model(Loss loss = Loss.CategoricalCrossEntropy)
    {
        var model = new Sequential().Add(new Input(3)).Add(new Dense(2, Activation.Softmax));
        model.Compile(loss, new Sgd(0.1f));
        return model;
    }

    private static Tensor X(int n = 4) => new(n, 3);

    private static Tensor OneHot(int n = 4)
    {
        var y = new Tensor(n, 2);
        for (var i = 0; i < n; i++)
        {
            y[i, i % 2] = 1;
        }
        return y;
    }

    private static void AssertMessage(Exception error, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fit_InputShapeMismatch_ShowsExpectedAndReceivedShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Model().Fit(new Tensor(4, 5), OneHot(), 1, 2));

        AssertMessage(error, "(n, 3)", "(4, 5)");
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void Fit_LabelCountMismatch_ShowsBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Model().Fit(X(4), OneHot(3), 1, 2));

        AssertMessage(error, "(4)", "(3, 2)");
        Assert.Equal("y", error.ParamName);
    }

    [Fact]
    public void Fit_NaNInInputs_NamesExampleAndValue()
    {
        var x = X();
        x[2, 1] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => Model().Fit(x, OneHot(), 1, 2));

        AssertMessage(error, "NaN", "example 2");
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void Fit_InfinityInLabels_NamesIt()
    {
        var y = new Tensor(4, 2);
        y[1, 0] = float.PositiveInfinity;

        var error = Assert.Throws<ArgumentException>(() => Model(Loss.MeanSquaredError).Fit(X(), y, 1, 2));

        AssertMessage(error, "Infinity", "example 1");
        Assert.Equal("y", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Fit_NonPositiveBatchSize_KerasStyleMessage(int batchSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Model().Fit(X(), OneHot(), 1, batchSize));

        AssertMessage(error, $"expected a positive integer. Received: batchSize={batchSize}");
    }

    [Fact]
    public void Fit_ZeroEpochs_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Model().Fit(X(), OneHot(), 0, 2));

        AssertMessage(error, "epochs=0");
    }

    [Fact]
    public void Fit_NonOneHotLabelsForCategoricalCrossEntropy_ShowsTheRow()
    {
        var y = OneHot();
        y[3, 0] = 0.5f;

        var error = Assert.Throws<ArgumentException>(() => Model().Fit(X(), y, 1, 2));

        AssertMessage(error, "one-hot", "row 3", "0.5");
    }

    [Fact]
    public void Fit_BinaryCrossEntropyLabelOutsideUnitInterval_ShowsValue()
    {
        var model = new Sequential().Add(new Input(3)).Add(new Dense(1, Activation.Sigmoid));
        model.Compile(Loss.BinaryCrossEntropy, new Sgd());

        var error = Assert.Throws<ArgumentException>(() => model.Fit(X(), Tensor.FromArray([0, 1, 2, 0], 4), 1, 2));

        AssertMessage(error, "[0, 1]", "value 2");
    }

    [Fact]
    public void Fit_EmptyData_SaysItIsEmpty()
    {
        var error = Assert.Throws<ArgumentException>(() => Model().Fit(new Tensor(0, 3), new Tensor(0, 2), 1, 2));

        AssertMessage(error, "at least one example", "(0, 3)");
    }

    [Fact]
    public void Fit_ValidationDataWithWrongShape_NamesValidationArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => Model().Fit(X(), OneHot(), 1, 2, validationData: (new Tensor(2, 4), OneHot(2))));

        Assert.Equal("validationData.X", error.ParamName);
    }

    [Fact]
    public void FitOrEvaluate_BeforeCompile_SaysCompileFirst()
    {
        var model = new Sequential().Add(new Input(3)).Add(new Dense(2));

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(X(), OneHot(), 1, 2));
        Assert.Throws<InvalidOperationException>(() => model.Evaluate(X(), OneHot()));

        AssertMessage(error, "Compile");
    }

    [Fact]
    public void Compile_UnknownLoss_NamesValue()
    {
        var model = new Sequential().Add(new Input(3)).Add(new Dense(2));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Compile((Loss)9, new Sgd()));

        AssertMessage(error, "loss=9");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void Sgd_InvalidLearningRate_NamesValue(float learningRate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(learningRate));

        AssertMessage(error, "learningRate=");
    }

    [Fact]
    public void Predict_NonPositiveBatchSizeOrWrongShape_Rejected()
    {
        var model = Model();

        AssertMessage(Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(X(), 0)), "batchSize=0");
        AssertMessage(Assert.Throws<ArgumentException>(() => model.Predict(new Tensor(2, 3, 1))), "(2, 3, 1)");
    }

    [Fact]
    public void SetWeights_WrongShape_NamesLayerAndShapesAndChangesNothing()
    {
        var model = Model();
        var before = model.GetWeights();

        var error = Assert.Throws<ArgumentException>(() => model.SetWeights([new Tensor(3, 2), new Tensor(3)]));

        AssertMessage(error, "'dense'", "(2,)", "(3,)");
        Assert.Equal(before[0].ToArray(), model.GetWeights()[0].ToArray());
    }

    [Fact]
    public void SetWeights_NaN_IsRejectedAndChangesNothing()
    {
        var model = Model();
        var before = model.GetWeights();
        var kernel = new Tensor(3, 2);
        kernel[0, 0] = 1;
        var bias = new Tensor(2);
        bias[1] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => model.SetWeights([kernel, bias]));

        AssertMessage(error, "bias", "NaN");
        Assert.Equal(before[0].ToArray(), model.GetWeights()[0].ToArray());
    }

    [Fact]
    public void SetWeights_WrongCount_SaysHowMany()
    {
        var error = Assert.Throws<ArgumentException>(() => Model().SetWeights([new Tensor(3, 2)]));

        AssertMessage(error, "2 weight tensors", "Received: 1");
    }
}
