using System.Globalization;
using System.Text;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Data;
using SpiDnn.Layers;
using SpiDnn.Models;
using SpiDnn.Optimizers;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// blocked-plans: the blocked mapping's plan, cores per layer, of the zoo models and the seed
/// models on a SpiN-5 at the default throughput targets, without fusion (every layer in weight
/// and sum cores: the plan before fused cores) and with it (the default), for training in
/// float, inference in float and training in s16.15. Plans only (the toolchain maps each one;
/// nothing runs), so it takes seconds.
/// </summary>
internal sealed class BlockedPlansBenchmark : IBenchmark
{
    public string Name => "blocked-plans";

    public string Summary => "cores per layer of the zoo and seed models, blocked mapping without and with fused cores";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        _ = new BenchOptions(args);
        var (train, _) = Mnist.LoadEmbedded();
        var models = new (string Name, Func<Sequential> Build, Tensor X, Tensor Y)[]
        {
            ("mlp (zoo)", () => ModelZoo.Mlp.Build(0), train.X, train.Y),
            ("cnn1d (zoo)", () => ModelZoo.Cnn1D.Build(0), ModelZoo.Cnn1D.PrepareInputs(train.X), train.Y),
            ("xor 2-50-50-300-50-25-2 (seed)", SeedXor, Uniform(4, 2), Uniform(4, 2)),
            ("mlp 224-50-50-300-50-25-17 (seed)", SeedMlp, Uniform(256, 224), Uniform(256, 17)),
            ("conv same 224x3 (seed)", SeedConvSame, Uniform(256, 224, 3), Uniform(256, 16)),
            ("conv strided 224x3 (seed)", SeedConvStrided, Uniform(256, 224, 3), Uniform(256, 1)),
            ("cnn 6x3 (seed)", SeedCnn, Uniform(256, 6, 3), Uniform(256, 1)),
        };
        var runs = new (string Name, bool Training, NumberFormat Format)[]
        {
            ("training, float", true, NumberFormat.Float),
            ("inference, float", false, NumberFormat.Float),
            ("training, s16.15", true, NumberFormat.FixedS1615),
        };

        var lines = new List<string>();
        foreach (var (model, build, x, y) in models)
        {
            if (!json)
            {
                Console.WriteLine(model);
            }

            foreach (var (run, training, format) in runs)
            {
                var before = Plan(build, x, y, training, format, fusion: false);
                var after = Plan(build, x, y, training, format, fusion: true);
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

        if (json)
        {
            Console.WriteLine(new StringBuilder("{\"benchmark\":\"blocked-plans\",\"machine\":\"spinn5\",\"plans\":[").AppendJoin(",", lines).Append("]}"));
        }

        return 0;
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

    private static Sequential SeedXor() => new Sequential()
        .Add(new Input(2))
        .Add(new Dense(50, Activation.Relu))
        .Add(new Dense(50, Activation.Softmax))
        .Add(new Dense(300, Activation.Tanh))
        .Add(new Dense(50, Activation.Sigmoid))
        .Add(new Dense(25))
        .Add(new Dense(2, Activation.Softmax));

    private static Sequential SeedMlp() => new Sequential()
        .Add(new Input(224))
        .Add(new Dense(50, Activation.Relu))
        .Add(new Dense(50, Activation.Softmax))
        .Add(new Dense(300, Activation.Tanh))
        .Add(new Dense(50, Activation.Sigmoid))
        .Add(new Dense(25))
        .Add(new Dense(17, Activation.Softmax));

    private static Sequential SeedConvSame() => new Sequential()
        .Add(new Input(224, 3))
        .Add(new Conv1D(1, 3, padding: Padding.Same))
        .Add(new Conv1D(5, 12, padding: Padding.Same))
        .Add(new Conv1D(16, 3, stride: 2, padding: Padding.Same))
        .Add(new Dense(16));

    private static Sequential SeedConvStrided() => new Sequential()
        .Add(new Input(224, 3))
        .Add(new Conv1D(1, 7, stride: 2, padding: Padding.Same, activation: Activation.Relu))
        .Add(new Conv1D(5, 12, stride: 3, padding: Padding.Same, activation: Activation.Tanh))
        .Add(new Conv1D(16, 3, stride: 2, padding: Padding.Same, activation: Activation.Sigmoid))
        .Add(new Conv1D(16, 6, stride: 5, padding: Padding.Same, activation: Activation.Softmax))
        .Add(new Conv1D(5, 4, stride: 3, padding: Padding.Valid))
        .Add(new Dense(1));

    private static Sequential SeedCnn() => new Sequential()
        .Add(new Input(6, 3))
        .Add(new Conv1D(3, 3, activation: Activation.Relu))
        .Add(new Conv1D(2, 3, stride: 2, padding: Padding.Same, activation: Activation.Tanh))
        .Add(new Dense(1, Activation.Sigmoid));
}
