using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.Tests;

public sealed class TrainingBehaviourTests
{
    private static Sequential Mlp(int seed = 1)
    {
        var model = new Sequential(seed).Add(new Input(3)).Add(new Dense(4, Activation.Tanh)).Add(new Dense(2, Activation.Softmax));
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f));
        return model;
    }

    private static (Tensor X, Tensor Y) Data(int n = 5)
    {
        var x = new Tensor(n, 3);
        var y = new Tensor(n, 2);
        for (var i = 0; i < n; i++)
        {
            x[i, 0] = MathF.Sin(i);
            x[i, 1] = MathF.Cos(2 * i);
            x[i, 2] = i / 5f;
            y[i, i % 2] = 1;
        }
        return (x, y);
    }

    [Fact]
    public void Fit_SameSeeds_BitIdenticalWeightsAndHistory()
    {
        var (x, y) = Data(20);
        var a = Mlp();
        var b = Mlp();

        var ha = a.Fit(x, y, epochs: 3, batchSize: 3, shuffle: true, seed: 9);
        var hb = b.Fit(x, y, epochs: 3, batchSize: 3, shuffle: true, seed: 9);

        Assert.Equal(ha.Loss, hb.Loss);
        Assert.Equal(a.GetWeights().SelectMany(w => w.ToArray()), b.GetWeights().SelectMany(w => w.ToArray()));
    }

    [Fact]
    public void Fit_DifferentShuffleSeed_DifferentWeights()
    {
        var (x, y) = Data(20);
        var a = Mlp();
        var b = Mlp();

        a.Fit(x, y, epochs: 1, batchSize: 3, seed: 1);
        b.Fit(x, y, epochs: 1, batchSize: 3, seed: 2);

        Assert.NotEqual(a.GetWeights()[0].ToArray(), b.GetWeights()[0].ToArray());
    }

    [Fact]
    public void Fit_FinalPartialBatch_IsAnUpdateOfItsOwn()
    {
        // 5 examples, batch 2: updates on {0,1}, {2,3} and the partial {4}, each on its batch mean.
        var (x, y) = Data(5);
        var whole = Mlp();
        var stepwise = Mlp();

        whole.Fit(x, y, epochs: 1, batchSize: 2, shuffle: false);
        stepwise.Fit(x.Slice(0, 2), y.Slice(0, 2), epochs: 1, batchSize: 2, shuffle: false);
        stepwise.Fit(x.Slice(2, 2), y.Slice(2, 2), epochs: 1, batchSize: 2, shuffle: false);
        var beforeLast = stepwise.GetWeights();
        stepwise.Fit(x.Slice(4, 1), y.Slice(4, 1), epochs: 1, batchSize: 2, shuffle: false);

        Assert.Equal(stepwise.GetWeights().SelectMany(w => w.ToArray()), whole.GetWeights().SelectMany(w => w.ToArray()));
        Assert.NotEqual(beforeLast[0].ToArray(), whole.GetWeights()[0].ToArray());
    }

    [Fact]
    public void History_OneFullBatchEpoch_LossEqualsEvaluateBeforeTheStep()
    {
        var (x, y) = Data(6);
        var model = Mlp();
        var before = model.Evaluate(x, y);

        var history = model.Fit(x, y, epochs: 1, batchSize: 6, shuffle: false);

        Assert.Equal(before.Loss, history.Loss[0], 6);
        Assert.Equal(before.Accuracy, history.Accuracy[0]);
        Assert.Null(history.BackendStatistics);
    }

    [Fact]
    public void History_WithValidationData_RecordsEvaluationAfterEachEpoch()
    {
        var (x, y) = Data(8);
        var model = Mlp();

        var history = model.Fit(x, y, epochs: 2, batchSize: 4, validationData: (x, y));
        var after = model.Evaluate(x, y);

        Assert.Equal(2, history.ValidationLoss.Count);
        Assert.Equal(after.Loss, history.ValidationLoss[1]);
        Assert.Equal(after.Accuracy, history.ValidationAccuracy[1]);
    }

    [Fact]
    public void Fit_ReportsProgressAfterEveryBatch()
    {
        var (x, y) = Data(5);
        var reports = new List<TrainingProgress>();

        Mlp().Fit(x, y, epochs: 2, batchSize: 2, progress: new SynchronousProgress(reports.Add));

        Assert.Equal(6, reports.Count);
        Assert.Equal(new TrainingProgress(2, 2, 3, 3, reports[^1].Loss, reports[^1].Accuracy), reports[^1]);
    }

    [Fact]
    public void Fit_LearnsXorWithSigmoidAndBinaryCrossEntropy()
    {
        var x = Tensor.FromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
        var y = Tensor.FromArray([0, 1, 1, 0], 4);
        var model = new Sequential(seed: 3).Add(new Input(2)).Add(new Dense(8, Activation.Tanh)).Add(new Dense(1, Activation.Sigmoid));
        model.Compile(Loss.BinaryCrossEntropy, new Sgd(0.5f));

        var history = model.Fit(x, y, epochs: 500, batchSize: 4, shuffle: false);

        Assert.Equal(1f, model.Evaluate(x, y).Accuracy);
        Assert.True(history.Loss[^1] < 0.1 * history.Loss[0], $"loss {history.Loss[0]} -> {history.Loss[^1]}");
    }

    [Fact]
    public void Evaluate_AccuracyUsesArgMaxForVectorsAndHalfForSingleOutputs()
    {
        var model = new Sequential().Add(new Input(2)).Add(new Dense(2));
        model.SetWeights([Tensor.FromArray([1, 0, 0, 1], 2, 2), new Tensor(2)]);
        model.Compile(Loss.MeanSquaredError, new Sgd());

        var evaluation = model.Evaluate(Tensor.FromArray([3, 1, 1, 3, 5, 4], 3, 2), Tensor.FromArray([1, 0, 1, 0, 1, 0], 3, 2));

        Assert.Equal(2f / 3, evaluation.Accuracy, 6);
        Assert.Equal((4 + 1 + 0 + 9 + 16 + 16) / 6f, evaluation.Loss, 5);
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
