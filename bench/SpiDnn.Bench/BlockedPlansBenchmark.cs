using System.Globalization;
using System.Text;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Data;
using SpiDnn.Models;
using SpiDnn.Optimizers;
using SpiDnn.Tests.Oracles;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// blocked-plans: the blocked mapping's plan, cores per layer, of the zoo models and the seed
/// models on a SpiN-5 at the default throughput targets, without fusion (every layer in weight
/// and sum cores: the plan before fused cores) and with it (the default), for training in
/// float, inference in float and training in s16.15. Plans only (the toolchain maps each one;
/// nothing runs), so it takes seconds. With <c>--run true</c> it also trains each seed model
/// for one epoch (256 random rows, batches of 32, float) and predicts with it, without and with
/// fusion, and prints examples per simulated second, packets, drops and the largest
/// difference from the host backend (the peer and oracle, in the same run).
/// </summary>
internal sealed class BlockedPlansBenchmark : IBenchmark
{
    public string Name => "blocked-plans";

    public string Summary => "cores per layer of the zoo and seed models, blocked mapping without and with fused cores [--run false]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "run");
        var measure = options.Flag("run", false);
        // The zoo models on the embedded digits (trained on the 8,000, predicting the 2,000 test digits), the seed models on 256 random rows.
        var (train, test) = Mnist.LoadEmbedded();
        var models = new (string Name, Func<Sequential> Build, Tensor X, Tensor Y, Tensor Predict)[]
        {
            ("mlp (zoo)", () => ModelZoo.Mlp.Build(0), train.X, train.Y, test.X),
            ("cnn1d (zoo)", () => ModelZoo.Cnn1D.Build(0), ModelZoo.Cnn1D.PrepareInputs(train.X), train.Y, ModelZoo.Cnn1D.PrepareInputs(test.X)),
            ("xor 2-50-50-300-50-25-2 (seed)", SeedModels.Xor, Uniform(4, 2), Uniform(4, 2), Uniform(4, 2)),
            ("mlp 224-50-50-300-50-25-17 (seed)", SeedModels.Mlp, Uniform(256, 224), Uniform(256, 17), Uniform(256, 224)),
            ("conv same 224x3 (seed)", SeedModels.ConvSame, Uniform(256, 224, 3), Uniform(256, 16), Uniform(256, 224, 3)),
            ("conv strided 224x3 (seed)", SeedModels.ConvStrided, Uniform(256, 224, 3), Uniform(256, 1), Uniform(256, 224, 3)),
            ("cnn 6x3 (seed)", SeedModels.TwoConvAndDense, Uniform(256, 6, 3), Uniform(256, 1), Uniform(256, 6, 3)),
        };
        var runs = new (string Name, bool Training, NumberFormat Format)[]
        {
            ("training, float", true, NumberFormat.Float),
            ("inference, float", false, NumberFormat.Float),
            ("training, s16.15", true, NumberFormat.FixedS1615),
        };

        var lines = new List<string>();
        foreach (var (model, build, x, y, predict) in models)
        {
            if (!json)
            {
                Console.WriteLine(model);
            }

            foreach (var (run, training, format) in runs)
            {
                var before = Plan(build, training ? x : predict, y, training, format, fusion: false);
                var after = Plan(build, training ? x : predict, y, training, format, fusion: true);
                if (json)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"model\":\"{model}\",\"run\":\"{run}\",\"cores_before\":{before.CoresPerReplica},\"cores_after\":{after.CoresPerReplica},\"fused_cores\":{after.FusedCoresPerReplica}," +
                        $"\"layers_before\":[{string.Join(",", before.Layers.Select(l => l.Cores))}],\"layers_after\":[{string.Join(",", after.Layers.Select(l => l.Cores))}]}}"));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {run,-17} {before.CoresPerReplica,4} -> {after.CoresPerReplica,4} cores"));
                    Console.WriteLine($"    before: {before}");
                    Console.WriteLine($"    after:  {after}");
                }
            }
        }

        var measured = new List<string>();
        var correct = true;
        if (measure)
        {
            foreach (var (model, build, x, y, _) in models.Skip(2))
            {
                foreach (var fusion in new[] { false, true })
                {
                    var result = Measure(build, x, y, fusion);
                    correct &= result.Correct;
                    measured.Add(result.Json(model));
                    if (!json)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model}, fusion {(fusion ? "on " : "off")}: {result}"));
                    }
                }
            }
        }

        if (json)
        {
            Console.WriteLine(new StringBuilder("{\"benchmark\":\"blocked-plans\",\"machine\":\"spinn5\",\"plans\":[").AppendJoin(",", lines)
                .Append("],\"runs\":[").AppendJoin(",", measured).Append(string.Create(CultureInfo.InvariantCulture, $"],\"correct\":{(correct ? "true" : "false")}}}")));
        }

        return correct ? 0 : 1;
    }

    /// <summary>One epoch of training and a prediction of the same rows on the machine, against the host backend from the same weights.</summary>
    private static RunFigures Measure(Func<Sequential> build, Tensor x, Tensor y, bool fusion)
    {
        var host = build();
        host.Compile(Loss.MeanSquaredError, new Sgd(0.05f));
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions
        {
            Mapping = BlockedMapping.MappingName,
            Blocked = BlockedOptions.Default with { Fusion = fusion },
        });
        var machine = build();
        machine.Compile(Loss.MeanSquaredError, new Sgd(0.05f), backend);
        host.Fit(x, y, epochs: 1, batchSize: 32, shuffle: true, seed: 0);
        machine.Fit(x, y, epochs: 1, batchSize: 32, shuffle: true, seed: 0);
        var mapping = (BlockedMapping)backend.Mapping;
        var train = mapping.LastRun!;
        var weights = MaxDifference(host.GetWeights(), machine.GetWeights());
        var predictions = MaxDifference([host.Predict(x)], [machine.Predict(x)]);
        var inference = mapping.LastRun!;
        return new RunFigures(train, inference, weights, predictions);
    }

    private static float MaxDifference(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b)
    {
        var max = 0f;
        for (var t = 0; t < a.Count; t++)
        {
            for (var i = 0; i < a[t].Length; i++)
            {
                max = Math.Max(max, Math.Abs(a[t].ReadOnlySpan[i] - b[t].ReadOnlySpan[i]));
            }
        }

        return max;
    }

    /// <summary>The figures of one training run and one prediction run of a seed model.</summary>
    private sealed record RunFigures(BlockedRunStatistics Train, BlockedRunStatistics Inference, float WeightDifference, float PredictionDifference)
    {
        public bool Correct => WeightDifference <= 1e-4f && PredictionDifference <= 1e-5f && Train.Totals.Dropped == 0 && Inference.Totals.Dropped == 0;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"training {Train.ExamplesPerSimulatedSecond:F0} examples per simulated s on {Train.Cores} cores, {Train.PacketsPerExample:F0} packets per example, " +
            $"{Train.Totals.Dropped} dropped, {Train.HostSeconds:F2} host s; inference {Inference.ExamplesPerSimulatedSecond:F0} on {Inference.Cores} cores, " +
            $"{Inference.PacketsPerExample:F0} packets per example, {Inference.Totals.Dropped} dropped; host backend: weights within {WeightDifference:E1}, predictions within {PredictionDifference:E1}");

        public string Json(string model) => string.Create(CultureInfo.InvariantCulture,
            $"{{\"model\":\"{model}\",\"fused_cores\":{Train.Plan.Contains("fused", StringComparison.Ordinal).ToString().ToLowerInvariant()}," +
            $"\"train_examples_per_simulated_second\":{Train.ExamplesPerSimulatedSecond:F1},\"train_cores\":{Train.Cores},\"packets_per_train_example\":{Train.PacketsPerExample:F1}," +
            $"\"inference_examples_per_simulated_second\":{Inference.ExamplesPerSimulatedSecond:F1},\"inference_cores\":{Inference.Cores},\"packets_per_inference_example\":{Inference.PacketsPerExample:F1}," +
            $"\"packets_dropped\":{Train.Totals.Dropped + Inference.Totals.Dropped},\"train_host_seconds\":{Train.HostSeconds:F3},\"correct\":{Correct.ToString().ToLowerInvariant()}}}");
    }

    private static BlockedPlanSummary Plan(Func<Sequential> build, Tensor x, Tensor y, bool training, NumberFormat format, bool fusion)
    {
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions
        {
            Mapping = BlockedMapping.MappingName,
            NumberFormat = format,
            Blocked = BlockedOptions.Default with { Fusion = fusion },
        });
        var model = build();
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), backend);
        if (training)
        {
            backend.MapFit(model, x, y, epochs: 1, batchSize: 32);
        }
        else
        {
            backend.MapPredict(model, x);
        }

        return ((BlockedMapping)backend.Mapping).LastPlan!;
    }

    private static Tensor Uniform(params int[] shape)
    {
        var random = new Random(1);
        var t = new Tensor(shape);
        for (var i = 0; i < t.Length; i++)
        {
            t.Span[i] = (float)random.NextDouble();
        }

        return t;
    }
}
