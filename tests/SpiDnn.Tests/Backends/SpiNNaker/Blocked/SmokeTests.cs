using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Layers;
using SpiDnn.Optimizers;
using SpiNNaker.Machine;
using Xunit.Abstractions;

namespace SpiDnn.Tests.Backends.SpiNNaker.Blocked;

public sealed class SmokeTests(ITestOutputHelper output)
{
    private static Sequential Mlp(int seed) => new Sequential(seed)
            .Add(new Input(20))
            .Add(new Dense(16, Activation.Relu))
            .Add(new Dense(4, Activation.Softmax));

    [Fact]
    public void SmallMlp_Predict_MatchesHost()
    {
        var model = Mlp(3);
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.1f));
        var random = new Random(1);
        var x = new Tensor(10, 20);
        for (var i = 0; i < x.Length; i++) { x.Span[i] = (float)random.NextDouble(); }
        var expected = model.Predict(x);
        var mapping = new BlockedMapping(MachineBuilder.SpiNN3(), new BlockedOptions { TargetCyclesPerExample = 8_000 });
        var actual = mapping.Predict(model, x);
        output.WriteLine(mapping.LastPlan);
        foreach (var f in mapping.LastRun!.Figures) output.WriteLine($"{f.Key} {f.Value}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected.Span[i] - actual.Span[i]) < 1e-5, $"{i}: {expected.Span[i]} vs {actual.Span[i]}");
        }
    }

    [Theory]
    [InlineData(1, 8_000)]
    [InlineData(2, 8_000)]
    public void SmallMlp_Fit_MatchesHost(int replicas, long target)
    {
        var random = new Random(1);
        var x = new Tensor(50, 20);
        var y = new Tensor(50, 4);
        for (var i = 0; i < x.Length; i++) { x.Span[i] = (float)random.NextDouble(); }
        for (var i = 0; i < 50; i++) { y[i, random.Next(4)] = 1; }
        var host = Mlp(3);
        host.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.1f));
        var hostHistory = host.Fit(x, y, epochs: 2, batchSize: 16, shuffle: true, seed: 5, validationData: (x, y));
        var chip = Mlp(3);
        chip.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.1f));
        var mapping = new BlockedMapping(MachineBuilder.SpiNN3(), new BlockedOptions { TargetCyclesPerExample = target, Replicas = replicas });
        var schedule = new SpiDnn.Training.BatchSchedule(50, 16, true, 5);
        var history = mapping.Fit(chip, new SpiDnn.Backends.TrainingRun(x, y, 2, schedule, (x, y), null));
        output.WriteLine(mapping.LastPlan);
        foreach (var f in mapping.LastRun!.Figures) output.WriteLine($"{f.Key} {f.Value}");
        output.WriteLine($"host loss {string.Join(",", hostHistory.Loss)} val {string.Join(",", hostHistory.ValidationLoss)}");
        output.WriteLine($"chip loss {string.Join(",", history.Loss)} val {string.Join(",", history.ValidationLoss)}");
        var hw = host.GetWeights();
        var cw = chip.GetWeights();
        var max = 0.0;
        for (var w = 0; w < hw.Count; w++)
            for (var i = 0; i < hw[w].Length; i++)
                max = Math.Max(max, Math.Abs(hw[w].Span[i] - cw[w].Span[i]));
        output.WriteLine($"max weight diff {max}");
        Assert.True(max < 1e-4);
    }
}
