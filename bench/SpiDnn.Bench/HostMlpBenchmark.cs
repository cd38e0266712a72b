using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpiDnn.Optimizers;

namespace SpiDnn.Bench;

/// <summary>
/// <c>host-mlp</c>: one training epoch of the default MLP (784 -> 128 relu -> 10 softmax,
/// categorical cross-entropy, SGD lr 0.1, batch 32, no shuffle) on the host backend, against
/// the same model, data, initial weights and batch order in PyTorch
/// (tools/bench_pytorch_mlp.py, <c>torch.set_num_threads(2)</c>) in the same run. Each side
/// runs one warm-up epoch, then <c>--repeats</c> timed epochs from the same initial weights;
/// the best epoch of each side gives its samples per second, and the ratio is host / PyTorch.
/// The data (the embedded MNIST training split, see Program.cs) comes from the constructor.
/// </summary>
internal sealed class HostMlpBenchmark(string dataName, Func<(Tensor X, Tensor Y)> loadData) : IBenchmark
{
    private const int BatchSize = 32;
    private const int Hidden = 128;
    private const float LearningRate = 0.1f;

    public string Name => "host-mlp";

    public string Summary => "one MLP epoch (784-128-10, batch 32) on the host backend vs PyTorch (2 threads)";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var repeats = 5;
        var python = Environment.GetEnvironmentVariable("SPIDNN_PYTHON") ?? "/usr/bin/python3";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--repeats" when i + 1 < args.Count && int.TryParse(args[i + 1], out var r) && r > 0:
                    repeats = r;
                    i++;
                    break;
                case "--python" when i + 1 < args.Count:
                    python = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"host-mlp: unknown or invalid option '{args[i]}' (options: --repeats N, --python PATH)");
                    return 2;
            }
        }

        var (x, y) = loadData();
        var examples = x.Dim(0);
        var inputs = x.RowLength;
        var classes = y.RowLength;
        var initial = BuildModel(inputs, classes).GetWeights();

        // Host: one warm-up epoch (JIT), then the timed epochs.
        var hostLoss = 0f;
        var hostTimes = new List<double>();
        var forwardTimes = new List<double>();
        for (var run = 0; run <= repeats; run++)
        {
            var model = BuildModel(inputs, classes);
            model.SetWeights(initial);
            model.Compile(Loss.CategoricalCrossEntropy, new Sgd(LearningRate));
            var clock = Stopwatch.StartNew();
            var history = model.Fit(x, y, epochs: 1, batchSize: BatchSize, shuffle: false);
            var seconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            model.Predict(x, BatchSize);
            var forward = clock.Elapsed.TotalSeconds;
            if (run > 0)
            {
                hostTimes.Add(seconds);
                forwardTimes.Add(forward);
                hostLoss = history.Loss[0];
            }
        }

        var peer = RunPyTorch(python, x, y, initial, repeats);
        if (peer is null)
        {
            return 1;
        }
        var hostRate = examples / hostTimes.Min();
        var peerRate = peer.Value.GetProperty("samples_per_second").GetDouble();
        var ratio = hostRate / peerRate;
        // Multiply-adds per example: forward and weight gradient for the first layer (its input
        // gradient is not needed), forward, input and weight gradient for the second.
        var flops = 2.0 * (2 * inputs * Hidden + 3 * Hidden * classes);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["benchmark"] = Name,
                ["data"] = dataName,
                ["examples"] = examples,
                ["batch_size"] = BatchSize,
                ["repeats"] = repeats,
                ["host_samples_per_second"] = Math.Round(hostRate, 1),
                ["pytorch_samples_per_second"] = Math.Round(peerRate, 1),
                ["ratio"] = Math.Round(ratio, 3),
                ["host_forward_samples_per_second"] = Math.Round(examples / forwardTimes.Min(), 1),
                ["host_epoch_loss"] = hostLoss,
                ["pytorch_epoch_loss"] = peer.Value.GetProperty("epoch_loss").GetDouble(),
            }));
        }
        else
        {
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine($"host-mlp: {inputs}-{Hidden} relu-{classes} softmax, categorical cross-entropy, SGD lr {LearningRate.ToString(c)}, batch size {BatchSize}, one epoch of {examples} {dataName} examples, best of {repeats}");
            Console.WriteLine(string.Create(c, $"  host backend      {hostRate,10:F0} samples/s  (epoch {hostTimes.Min() * 1e3:F1} ms, median {Median(hostTimes) * 1e3:F1} ms, epoch loss {hostLoss:F5})"));
            Console.WriteLine(string.Create(c, $"  PyTorch {peer.Value.GetProperty("torch_version").GetString()} ({peer.Value.GetProperty("threads").GetInt32()} threads) {peerRate,7:F0} samples/s  (epoch {peer.Value.GetProperty("best_seconds").GetDouble() * 1e3:F1} ms, median {peer.Value.GetProperty("median_seconds").GetDouble() * 1e3:F1} ms, epoch loss {peer.Value.GetProperty("epoch_loss").GetDouble():F5})"));
            Console.WriteLine(string.Create(c, $"  ratio host / PyTorch: {ratio:F2}x"));
            Console.WriteLine(string.Create(c, $"  host forward only (Predict, batch {BatchSize}): {examples / forwardTimes.Min():F0} samples/s; training at {hostRate * flops / 1e9:F1} GFLOP/s of matrix products"));
        }
        return 0;
    }

    // The CLI's default model, so the figures describe what `spidnn train` runs.
    private static Sequential BuildModel(int inputs, int classes)
    {
        var model = Models.ModelZoo.Mlp.Build(seed: 1);
        if (model.Layers[0].InputLength != inputs || model.Layers[^1].OutputLength != classes)
        {
            throw new InvalidOperationException($"host-mlp expects {model.Layers[0].InputLength} inputs and {model.Layers[^1].OutputLength} classes. Received: {inputs} and {classes}");
        }
        return model;
    }

    private static JsonElement? RunPyTorch(string python, Tensor x, Tensor y, IReadOnlyList<Tensor> weights, int repeats)
    {
        var script = FindScript("tools/bench_pytorch_mlp.py");
        if (script is null)
        {
            Console.Error.WriteLine("host-mlp: tools/bench_pytorch_mlp.py not found above " + AppContext.BaseDirectory);
            return null;
        }
        var dataFile = Path.Combine(Path.GetTempPath(), $"spidnn-host-mlp-{Environment.ProcessId}.bin");
        try
        {
            using (var writer = new BinaryWriter(File.Create(dataFile)))
            {
                writer.Write(x.Dim(0));
                writer.Write(x.RowLength);
                writer.Write(y.RowLength);
                writer.Write(Hidden);
                foreach (var t in new[] { x, y }.Concat(weights))
                {
                    foreach (var v in t.ReadOnlySpan)
                    {
                        writer.Write(v);
                    }
                }
            }
            var start = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { script, "--data", dataFile, "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture),
                         "--lr", LearningRate.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--threads", "2" })
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var stdout = stdoutTask.Result;
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"host-mlp: the PyTorch peer failed (exit {process.ExitCode}; torch is expected in {python}):\n{stderr}");
                return null;
            }
            return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            File.Delete(dataFile);
        }
    }

    private static string? FindScript(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
