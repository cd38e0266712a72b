using System.Diagnostics;
using System.Globalization;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Data;
using SpiDnn.Models;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// blocked-run: one training run of a zoo model with the blocked mapping on a simulated SpiN-5
/// under chosen settings (training throughput target, replicas, pacing, number format), to
/// measure what the settings do: the plan, throughput, packets, drops, pacing waits, the
/// busiest cores and the simulation's speed. A dropped packet is reported, not fatal. Peer: the
/// host backend training the same examples in the same run.
/// </summary>
internal sealed class BlockedRunBenchmark : IBenchmark
{
    public string Name => "blocked-run";

    public string Summary => "blocked mapping: train a zoo model on a SpiNN-5 [--model 0|1 (mlp|cnn1d) --examples 8000 --epochs 1 --rate 1000 --replicas 1 --pacing true --fixed false]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "model", "examples", "epochs", "rate", "replicas", "pacing", "fixed");
        var zoo = ModelZoo.All[Math.Min(options.Int("model", 0), ModelZoo.All.Count - 1)];
        var examples = Math.Clamp(options.Int("examples", 8000), 32, 8000);
        var epochs = Math.Max(1, options.Int("epochs", 1));
        var blocked = new BlockedOptions
        {
            TrainingExamplesPerSecond = Math.Max(1, options.Int("rate", 1000)),
            Replicas = Math.Max(1, options.Int("replicas", 1)),
            Pacing = options.Flag("pacing", true),
        };
        var format = options.Flag("fixed", false) ? NumberFormat.FixedS1615 : NumberFormat.Float;
        var train = Mnist.LoadEmbedded().Train.Take(examples);
        var x = zoo.PrepareInputs(train.X);

        var host = ModelZoo.BuildCompiled(zoo, 0, zoo.Defaults.LearningRate);
        var peer = Stopwatch.StartNew();
        host.Fit(x, train.Y, epochs, zoo.Defaults.BatchSize, shuffle: true, seed: 0);
        var peerSeconds = peer.Elapsed.TotalSeconds;

        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = BlockedMapping.MappingName, Blocked = blocked, NumberFormat = format });
        var model = ModelZoo.BuildCompiled(zoo, 0, zoo.Defaults.LearningRate, backend);
        var clock = Stopwatch.StartNew();
        string? failure = null;
        try
        {
            model.Fit(x, train.Y, epochs, zoo.Defaults.BatchSize, shuffle: true, seed: 0);
        }
        catch (SpiNNakerRunException e)
        {
            failure = e.Message;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var run = ((BlockedMapping)backend.Mapping).LastRun;
        if (json)
        {
            var figures = run is null ? "" : string.Join(",", run.Figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"\"{f.Key}\":{f.Value:G6}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"blocked-run\",\"model\":\"{zoo.Name}\",\"examples\":{examples},\"epochs\":{epochs},\"rate\":{blocked.TrainingExamplesPerSecond},\"replicas\":{blocked.Replicas}," +
                $"\"pacing\":{(blocked.Pacing ? "true" : "false")},\"format\":\"{format}\",\"host_seconds\":{seconds:F3},\"peer_host_seconds\":{peerSeconds:F4}," +
                $"\"failed\":{(failure is null ? "false" : "true")}{(figures.Length > 0 ? "," + figures : "")}}}"));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"blocked-run: {zoo.Name}, {examples} examples x {epochs} epochs, target {blocked.TrainingExamplesPerSecond} examples per simulated s, {blocked.Replicas} replicas, pacing {(blocked.Pacing ? "on" : "off")}, {format}"));
            if (failure is not null)
            {
                Console.WriteLine($"  the run failed: {failure}");
            }
            else if (run is not null)
            {
                Console.WriteLine($"  plan: {run.Plan}");
                foreach (var (name, value) in run.Figures)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {value:G6}"));
                }

                Console.WriteLine("  busiest cores:");
                foreach (var (core, busy) in run.BusiestCores.Take(4))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {core}: busy {busy:P1}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  host seconds {seconds:F1}; peer: the host backend {peerSeconds:F2} s for the same training"));
        }

        return failure is null ? 0 : 1;
    }
}
