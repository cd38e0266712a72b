using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// How the backend behaves across operations: predict after fit in one process, evaluate,
/// validation data, run statistics, and bit-for-bit determinism.
/// </summary>
public sealed class RunBehaviourTests
{
    private static Sequential Build() => new Sequential(seed: 8)
        .Add(new Input(4))
        .Add(new Dense(6, Activation.Tanh))
        .Add(new Dense(3, Activation.Softmax));

    private static readonly Tensor X = Tensor.FromArray([.. Enumerable.Range(0, 10 * 4).Select(i => (float)Math.Cos(i * 0.7))], 10, 4);
    private static readonly Tensor Y = Tensor.FromArray([.. Enumerable.Range(0, 10 * 3).Select(i => i % 3 == (i / 3) % 3 ? 1f : 0f)], 10, 3);

    [Fact]
    public void PredictAfterFit_InOneProcess_PredictsWithTheTrainedWeights()
    {
        var backend = Backends.SpiNN3();
        var model = Build();
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f), backend);
        model.Fit(X, Y, epochs: 2, batchSize: 4);
        var fitRun = backend.LastRun;

        var predictions = model.Predict(X);

        Compare.Within(new HostBackend().Predict(model, X, 10), predictions, 1e-5f);
        Assert.NotSame(fitRun, backend.LastRun);
        Assert.Equal(10, backend.LastRun!.Examples);
        Assert.Equal(1, backend.LastRun.Runs);
    }

    [Fact]
    public void Evaluate_OnTheMachine_GivesTheHostsLossAndAccuracy()
    {
        var model = Build();
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f), Backends.SpiNN3());
        var host = Build();
        host.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f));

        var evaluation = model.Evaluate(X, Y);

        var expected = host.Evaluate(X, Y);
        Assert.Equal(expected.Loss, evaluation.Loss, 1e-5f);
        Assert.Equal(expected.Accuracy, evaluation.Accuracy);
    }

    [Fact]
    public void FitWithValidationData_RunsEveryEpochAndItsValidation_LikeTheHost()
    {
        var validation = (Tensor.FromArray(X.ReadOnlySpan[..16].ToArray(), 4, 4), Tensor.FromArray(Y.ReadOnlySpan[..12].ToArray(), 4, 3));
        var host = Build();
        host.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f));
        var expected = host.Fit(X, Y, epochs: 3, batchSize: 4, validationData: validation);
        var model = Build();
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f), Backends.SpiNN3());

        var history = model.Fit(X, Y, epochs: 3, batchSize: 4, validationData: validation);

        Compare.Within(host.GetWeights(), model.GetWeights(), 1e-4f);
        Assert.Equal(3, history.ValidationLoss.Count);
        for (var e = 0; e < 3; e++)
        {
            Assert.Equal(expected.ValidationLoss[e], history.ValidationLoss[e], 1e-4f);
            Assert.Equal(expected.ValidationAccuracy[e], history.ValidationAccuracy[e]);
            Assert.Equal(expected.Loss[e], history.Loss[e], 1e-4f);
        }
        // One training run and one validation run per epoch.
        var statistics = (SpiNNakerRunStatistics)history.BackendStatistics!;
        Assert.Equal(6, statistics.Runs);
        Assert.Equal((3 * 10) + (3 * 4), statistics.Examples);
    }

    [Fact]
    public void RunStatistics_DescribeTheRun()
    {
        var model = Build();
        var backend = Backends.SpiNN5();
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.5f), backend);

        var history = model.Fit(X, Y, epochs: 1, batchSize: 5);

        var statistics = (SpiNNakerRunStatistics)history.BackendStatistics!;
        Assert.Same(backend.LastRun, statistics);
        Assert.Equal("neuron", statistics.Mapping);
        Assert.Equal("spinn5", statistics.Machine);
        // 4 input cores, 6 + 3 neurons, 3 label cores, the loss vertex, the host gatherer.
        Assert.Equal(4 + 6 + 3 + 3 + 1 + 1, statistics.CoresUsed);
        Assert.InRange(statistics.ChipsUsed, 2, 18);
        Assert.Equal(10, statistics.Examples);
        Assert.Equal(statistics.Examples / statistics.SimulatedSeconds, statistics.ExamplesPerSimulatedSecond, 1e-9);
        // Ping-pong with timer polling: every example waits for several 5 ms ticks.
        Assert.InRange(statistics.SimulatedSeconds, 10 * 2 * 0.005, 10 * 20 * 0.005);
        // At least the 48 chips idling at 0.35 W for the simulated time.
        Assert.True(statistics.EnergyJoules > 48 * 0.35 * statistics.SimulatedSeconds);
        Assert.Equal(0, statistics.PacketsDropped);
        Assert.Equal(["simulated_seconds", "examples", "examples_per_simulated_second", "packets_sent", "packets_delivered", "packets_dropped",
            "packets_reinjected", "packets_lost", "cores_used", "chips_used", "energy_joules", "host_seconds"], statistics.Figures.Select(f => f.Key));
    }

    [Theory]
    [InlineData(BackwardVariant.MulticastEachError)]
    [InlineData(BackwardVariant.SharedParameters)]
    public void TwoIdenticalRuns_GiveIdenticalWeightsAndStatistics(BackwardVariant variant)
    {
        (IReadOnlyList<Tensor> Weights, SpiNNakerRunStatistics Statistics) Train()
        {
            var model = new Sequential(seed: 9)
                .Add(new Input(6, 2))
                .Add(new Conv1D(3, 3, padding: Padding.Same, activation: Activation.Relu))
                .Add(new Dense(4, Activation.Softmax))
                .Add(new Dense(2));
            var x = Tensor.FromArray([.. Enumerable.Range(0, 5 * 12).Select(i => (float)Math.Sin(i * 1.3))], 5, 6, 2);
            var y = Tensor.FromArray([.. Enumerable.Range(0, 5 * 2).Select(i => (float)(i % 3))], 5, 2);
            model.Compile(Loss.MeanSquaredError, new Sgd(0.2f), Backends.SpiNN5(variant));
            var history = model.Fit(x, y, epochs: 2, batchSize: 2);
            return (model.GetWeights(), (SpiNNakerRunStatistics)history.BackendStatistics!);
        }

        var first = Train();
        var second = Train();

        for (var t = 0; t < first.Weights.Count; t++)
        {
            Assert.Equal(first.Weights[t].ReadOnlySpan.ToArray(), second.Weights[t].ReadOnlySpan.ToArray());
        }
        Assert.Equal(first.Statistics with { HostSeconds = 0 }, second.Statistics with { HostSeconds = 0 });
    }
}
