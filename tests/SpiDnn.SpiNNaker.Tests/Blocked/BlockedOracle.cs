using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// Runs a model on the host backend and on the SpiNNaker backend with the blocked mapping from
/// the same weights and data, through the library's own Fit and Predict, and measures how far
/// apart they end up (the host backend is the oracle).
/// </summary>
internal static class BlockedOracle
{
    /// <summary>The SpiNNaker backend with the blocked mapping.</summary>
    public static SpiNNakerBackend Backend(BlockedOptions? options = null, NumberFormat format = NumberFormat.Float, MachineChoice? machine = null,
        bool reinjection = false, int? wait1 = null) =>
        new(new SpiNNakerBackendOptions
        {
            Mapping = BlockedMapping.MappingName,
            Blocked = options ?? new BlockedOptions { TrainingExamplesPerSecond = 1_000, InferenceExamplesPerSecond = 1_000 },
            NumberFormat = format,
            Machine = machine ?? MachineChoice.SpiNN5,
            Reinjection = reinjection,
            RouterWait1Cycles = wait1,
        });

    /// <summary>The blocked mapping of <paramref name="backend"/> (for its detailed run figures).</summary>
    public static BlockedMapping Mapping(SpiNNakerBackend backend) => (BlockedMapping)backend.Mapping;

    /// <summary>The largest difference between host and machine predictions.</summary>
    public static float PredictionDifference(Func<Sequential> build, IReadOnlyList<Tensor>? weights, Tensor x, SpiNNakerBackend backend)
    {
        var host = build();
        var machine = build();
        if (weights is not null)
        {
            host.SetWeights(weights);
            machine.SetWeights(weights);
        }

        machine.Compile(Loss.MeanSquaredError, new Optimizers.Sgd(0.1f), backend);
        var expected = host.Predict(x);
        var actual = machine.Predict(x);
        AssertDtcmDeclaredExactly(backend);
        Assert.Equal(expected.Shape, actual.Shape);
        return MaxDifference(expected.ReadOnlySpan, actual.ReadOnlySpan);
    }

    /// <summary>Trains a host copy and a machine copy; returns both histories and the largest weight difference.</summary>
    public static (History Host, History Machine, float WeightDifference, Sequential HostModel, Sequential MachineModel) Train(
        Func<Sequential> build, IReadOnlyList<Tensor>? weights, Loss loss, float learningRate, Tensor x, Tensor y,
        int epochs, int batchSize, bool shuffle, (Tensor X, Tensor Y)? validation, SpiNNakerBackend backend)
    {
        var host = build();
        var machine = build();
        if (weights is not null)
        {
            host.SetWeights(weights);
            machine.SetWeights(weights);
        }

        host.Compile(loss, new Optimizers.Sgd(learningRate));
        machine.Compile(loss, new Optimizers.Sgd(learningRate), backend);
        var hostHistory = host.Fit(x, y, epochs, batchSize, shuffle, seed: 7, validationData: validation);
        var machineHistory = machine.Fit(x, y, epochs, batchSize, shuffle, seed: 7, validationData: validation);
        AssertDtcmDeclaredExactly(backend);
        var hostWeights = host.GetWeights();
        var machineWeights = machine.GetWeights();
        var difference = 0f;
        for (var i = 0; i < hostWeights.Count; i++)
        {
            difference = Math.Max(difference, MaxDifference(hostWeights[i].ReadOnlySpan, machineWeights[i].ReadOnlySpan));
        }

        return (hostHistory, machineHistory, difference, host, machine);
    }

    /// <summary>The same per-epoch history: losses within 1e-4, accuracies equal.</summary>
    public static void AssertHistoriesEqual(History host, History machine)
    {
        Assert.Equal(host.Epochs, machine.Epochs);
        for (var e = 0; e < host.Epochs; e++)
        {
            Assert.Equal(host.Loss[e], machine.Loss[e], 1e-4);
            Assert.Equal(host.Accuracy[e], machine.Accuracy[e], 1e-6);
        }

        Assert.Equal(host.ValidationLoss.Count, machine.ValidationLoss.Count);
        for (var e = 0; e < host.ValidationLoss.Count; e++)
        {
            Assert.Equal(host.ValidationLoss[e], machine.ValidationLoss[e], 1e-4);
            Assert.Equal(host.ValidationAccuracy[e], machine.ValidationAccuracy[e], 1e-6);
        }
    }

    /// <summary>Every core of the last run allocated exactly the DTCM its vertex declared.</summary>
    public static void AssertDtcmDeclaredExactly(SpiNNakerBackend backend) =>
        Assert.Equal(0, Mapping(backend).LastRun!.UnallocatedDtcmBytes);

    public static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            max = float.IsNaN(d) ? float.PositiveInfinity : Math.Max(max, d);
        }

        return max;
    }

    /// <summary>Deterministic values in [low, high).</summary>
    public static Tensor Uniform(int seed, float low, float high, params int[] shape)
    {
        var random = new Random(seed);
        var t = new Tensor(shape);
        for (var i = 0; i < t.Length; i++)
        {
            t.Span[i] = low + ((high - low) * (float)random.NextDouble());
        }

        return t;
    }

    /// <summary>One-hot rows of <paramref name="classes"/> (with <paramref name="rows"/> rows per example when the output is a sequence).</summary>
    public static Tensor OneHot(int seed, int examples, int classes, int rows = 1)
    {
        var random = new Random(seed);
        var t = rows == 1 ? new Tensor(examples, classes) : new Tensor(examples, rows, classes);
        for (var i = 0; i < examples * rows; i++)
        {
            t.Span[(i * classes) + random.Next(classes)] = 1;
        }

        return t;
    }
}
