using System.Diagnostics;
using System.Globalization;
using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Models;
using SpiDnn.Optimizers;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.Bench;

/// <summary>
/// neuron-baseline: the thesis's neuron-per-core mapping on a simulated SpiNN-5, the numbers the
/// next mapping must beat. (1) Training the seed's XOR MLP (2-50-50-300-50-25-2, MSE, SGD 0.1,
/// batch 4) with shared parameters, the variant the thesis trained it with (multicast each
/// error explodes on its 300 -> 50 pair). (2) Inference of the default MNIST MLP
/// (784-128-10) on the embedded test digits. Reported: simulated examples per second, packets
/// per example, host seconds. Peer: the host backend doing the same work in the same run; the
/// SpiNNaker results must equal it (weights within 1e-4, predictions within 1e-5).
/// </summary>
internal sealed class NeuronBaselineBenchmark : IBenchmark
{
    public string Name => "neuron-baseline";

    public string Summary => "neuron mapping on a simulated SpiNN-5: XOR MLP training, MNIST MLP inference [--epochs 10 --examples 100]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "epochs", "examples");
        var epochs = Math.Max(1, options.Int("epochs", 10));
        var examples = Math.Max(1, options.Int("examples", 100));
        var total = Stopwatch.StartNew();

        // (1) XOR training.
        var xorX = Tensor.FromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
        var xorY = Tensor.FromArray([1, 0, 0, 1, 0, 1, 1, 0], 4, 2);
        var hostXor = Xor(null);
        var hostClock = Stopwatch.StartNew();
        hostXor.Fit(xorX, xorY, epochs, batchSize: 4, shuffle: false);
        var hostTrainSeconds = hostClock.Elapsed.TotalSeconds;
        var trainBackend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName, Neuron = new NeuronMappingOptions { BackwardVariant = BackwardVariant.SharedParameters } });
        var spinnXor = Xor(trainBackend);
        var trainClock = Stopwatch.StartNew();
        spinnXor.Fit(xorX, xorY, epochs, batchSize: 4, shuffle: false);
        var trainSeconds = trainClock.Elapsed.TotalSeconds;
        var train = trainBackend.LastRun!;
        var trainCorrect = Agreement.MaxDifference(hostXor.GetWeights(), spinnXor.GetWeights()) <= 1e-4f;

        // (2) MNIST inference.
        var test = Data.Mnist.LoadEmbedded().Test.Take(examples);
        var mnist = ModelZoo.Mlp.Build(seed: 1);
        hostClock.Restart();
        var expected = new HostBackend().Predict(mnist, test.X, examples);
        var hostInferenceSeconds = hostClock.Elapsed.TotalSeconds;
        var inferenceBackend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName });
        var inferenceClock = Stopwatch.StartNew();
        var predictions = inferenceBackend.Predict(mnist, test.X, examples);
        var inferenceSeconds = inferenceClock.Elapsed.TotalSeconds;
        var inference = inferenceBackend.LastRun!;
        var inferenceCorrect = Agreement.MaxDifference(expected, predictions) <= 1e-5f;
        var hostSeconds = total.Elapsed.TotalSeconds;

        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"neuron-baseline\",\"machine\":\"spinn5\",\"mapping\":\"neuron\",\"xor_epochs\":{epochs},\"mnist_examples\":{examples}," +
                $"\"train_examples_per_simulated_second\":{train.ExamplesPerSimulatedSecond:F4},\"inference_examples_per_simulated_second\":{inference.ExamplesPerSimulatedSecond:F4}," +
                $"\"packets_per_train_example\":{train.PacketsPerExample:F1},\"packets_per_inference_example\":{inference.PacketsPerExample:F1}," +
                $"\"deliveries_per_train_example\":{train.DeliveriesPerExample:F1},\"deliveries_per_inference_example\":{inference.DeliveriesPerExample:F1}," +
                $"\"train_packets_dropped\":{train.PacketsDropped},\"inference_packets_dropped\":{inference.PacketsDropped}," +
                $"\"train_energy_joules_per_example\":{train.EnergyJoules / train.Examples:F4},\"inference_energy_joules_per_example\":{inference.EnergyJoules / inference.Examples:F4}," +
                $"\"train_cores\":{train.CoresUsed},\"inference_cores\":{inference.CoresUsed}," +
                $"\"train_host_seconds\":{trainSeconds:F3},\"inference_host_seconds\":{inferenceSeconds:F3},\"host_seconds\":{hostSeconds:F3}," +
                $"\"peer_train_host_seconds\":{hostTrainSeconds:F6},\"peer_inference_host_seconds\":{hostInferenceSeconds:F6}," +
                $"\"correct\":{(trainCorrect && inferenceCorrect ? "true" : "false")}}}"));
        }
        else
        {
            Console.WriteLine($"neuron-baseline: the neuron-per-core mapping on a simulated SpiNN-5 (timer {NeuronMappingOptions.DefaultTimerPeriodMicroseconds} us)");
            Report("XOR MLP training", $"{epochs} epochs x 4 examples, shared parameters", train, trainSeconds, hostTrainSeconds, trainCorrect, "weights equal the host's");
            Report("MNIST MLP inference", $"{examples} test digits", inference, inferenceSeconds, hostInferenceSeconds, inferenceCorrect, "predictions equal the host's");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total host seconds {hostSeconds:F1}"));
        }
        return trainCorrect && inferenceCorrect ? 0 : 1;
    }

    private static void Report(string what, string detail, SpiNNakerRunStatistics run, double seconds, double peerSeconds, bool correct, string check)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what} ({detail}): {(correct ? check : "RESULTS DIFFER FROM THE HOST")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {run.ExamplesPerSimulatedSecond,10:F2} examples per simulated second ({run.SimulatedSeconds:F3} simulated s, {run.CoresUsed} cores on {run.ChipsUsed} chips)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {run.PacketsPerExample,10:F0} packets sent per example, {run.DeliveriesPerExample:F0} delivered, {run.PacketsDropped} dropped, {run.EnergyJoules / run.Examples:F3} J per example"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {seconds,10:F3} host seconds to simulate; peer: the host backend {peerSeconds * 1e3:F2} ms ({seconds / peerSeconds:F0}x)"));
    }

    private static Sequential Xor(SpiDnn.Backends.IBackend? backend)
    {
        var model = SeedModels.Xor(seed: 7);
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), backend);
        return model;
    }
}
