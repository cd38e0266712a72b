using System.Diagnostics;
using System.Globalization;
using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Data;
using SpiDnn.Models;
using SpiDnn.Optimizers;

namespace SpiDnn.Bench;

/// <summary>
/// mapping-compare: both SpiNNaker mappings on the same model (the zoo MLP, 784-128-10) and
/// machine (a simulated SpiN-5) in one run: training examples per simulated second (one epoch
/// in batches of 32 on the first embedded training digits), inference examples per simulated
/// second (the embedded test digits), packets per example and dropped packets; the blocked
/// mapping's training speedup and how fast the host simulates it (simulated seconds per host
/// second). Peer and oracle: the host backend doing the same training and predictions in the
/// same run (weights within 1e-4, predictions within 1e-5).
/// </summary>
internal sealed class MappingCompareBenchmark : IBenchmark
{
    public string Name => "mapping-compare";

    public string Summary => "neuron vs blocked mapping on a SpiNN-5, MNIST MLP [--neuron-train 64 --neuron-test 100 --blocked-train 8000 --blocked-test 2000]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "neuron-train", "neuron-test", "blocked-train", "blocked-test");
        var neuronTrain = Math.Max(32, options.Int("neuron-train", 64));
        var neuronTest = Math.Max(1, options.Int("neuron-test", 100));
        var blockedTrain = Math.Max(32, options.Int("blocked-train", 8000));
        var blockedTest = Math.Max(1, options.Int("blocked-test", 2000));
        var (train, test) = Mnist.LoadEmbedded();

        var neuron = Measure(NeuronMapping.MappingName, train, test, neuronTrain, neuronTest);
        var blocked = Measure(BlockedMapping.MappingName, train, test, blockedTrain, blockedTest);
        var speedup = blocked.Train.ExamplesPerSimulatedSecond / neuron.Train.ExamplesPerSimulatedSecond;
        var inferenceSpeedup = blocked.Inference.ExamplesPerSimulatedSecond / neuron.Inference.ExamplesPerSimulatedSecond;
        var details = blocked.TrainDetails!;
        var correct = neuron.Correct && blocked.Correct;

        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"mapping-compare\",\"machine\":\"spinn5\",\"model\":\"mlp\",{Json("neuron", neuron)},{Json("blocked", blocked)}," +
                $"\"training_speedup\":{speedup:F2},\"inference_speedup\":{inferenceSpeedup:F2}," +
                $"\"simulated_seconds_per_host_second\":{details.SimulatedSecondsPerHostSecond:F4}," +
                $"\"blocked_train_host_seconds\":{details.HostSeconds:F3},\"blocked_train_setup_seconds\":{details.SetupSeconds:F3}," +
                $"\"blocked_train_simulated_seconds\":{details.SimulatedSeconds:F4},\"blocked_train_cores\":{details.Cores},\"blocked_inference_cores\":{blocked.InferenceDetails!.Cores}," +
                $"\"correct\":{(correct ? "true" : "false")}}}"));
        }
        else
        {
            Console.WriteLine("mapping-compare: the zoo MLP (784-128-10) on a simulated SpiNN-5, neuron-per-core vs blocked mapping");
            Report(neuron);
            Report(blocked);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  blocked / neuron: training {speedup:F1}x, inference {inferenceSpeedup:F1}x examples per simulated second"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  blocked MNIST training simulation: {details.SimulatedSeconds:F3} simulated s in {details.HostSeconds:F3} host s = {details.SimulatedSecondsPerHostSecond:F3} simulated s per host s " +
                $"(setup {details.SetupSeconds:F2} s; {details.Events / details.HostSeconds / 1e6:F2} M events per host s)"));
            Console.WriteLine($"  blocked training plan: {details.Plan}");
            Console.WriteLine($"  blocked inference plan: {blocked.InferenceDetails!.Plan}");
        }

        return correct ? 0 : 1;
    }

    private static Result Measure(string mapping, Dataset train, Dataset test, int trainExamples, int testExamples)
    {
        var x = Head(train.X, trainExamples);
        var y = Head(train.Y, trainExamples);
        var testX = Head(test.X, testExamples);

        var host = ModelZoo.Mlp.Build(seed: 0);
        host.Compile(Loss.CategoricalCrossEntropy, new Sgd(ModelZoo.Mlp.Defaults.LearningRate), new HostBackend());
        var hostClock = Stopwatch.StartNew();
        host.Fit(x, y, epochs: 1, batchSize: 32, shuffle: true, seed: 0);
        var expected = host.Predict(testX);
        var hostSeconds = hostClock.Elapsed.TotalSeconds;

        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = mapping });
        var model = ModelZoo.Mlp.Build(seed: 0);
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(ModelZoo.Mlp.Defaults.LearningRate), backend);
        var clock = Stopwatch.StartNew();
        model.Fit(x, y, epochs: 1, batchSize: 32, shuffle: true, seed: 0);
        var trainRun = backend.LastRun!;
        var trainDetails = (backend.Mapping as BlockedMapping)?.LastRun;
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var weightsMatch = Agreement.MaxDifference(host.GetWeights(), model.GetWeights()) <= 1e-4f;

        // Inference from the host's trained weights, so both mappings predict the same thing.
        model.SetWeights(host.GetWeights());
        clock.Restart();
        var predictions = model.Predict(testX);
        var inferenceRun = backend.LastRun!;
        var inferenceSeconds = clock.Elapsed.TotalSeconds;
        var inferenceDetails = (backend.Mapping as BlockedMapping)?.LastRun;
        var predictionsMatch = Agreement.MaxDifference(expected, predictions) <= 1e-5f;
        return new Result(mapping, trainExamples, testExamples, trainRun, inferenceRun, trainSeconds, inferenceSeconds, hostSeconds,
            weightsMatch && predictionsMatch, trainDetails, inferenceDetails);
    }

    private static string Json(string name, Result r) => string.Create(CultureInfo.InvariantCulture,
        $"\"{name}\":{{\"train_examples\":{r.TrainExamples},\"test_examples\":{r.TestExamples}," +
        $"\"train_examples_per_simulated_second\":{r.Train.ExamplesPerSimulatedSecond:F2},\"inference_examples_per_simulated_second\":{r.Inference.ExamplesPerSimulatedSecond:F2}," +
        $"\"packets_per_train_example\":{r.Train.PacketsPerExample:F1},\"packets_per_inference_example\":{r.Inference.PacketsPerExample:F1}," +
        $"\"packets_dropped\":{r.Train.PacketsDropped + r.Inference.PacketsDropped},\"train_cores\":{r.Train.CoresUsed},\"inference_cores\":{r.Inference.CoresUsed}," +
        $"\"train_host_seconds\":{r.TrainSeconds:F3},\"inference_host_seconds\":{r.InferenceSeconds:F3},\"peer_host_seconds\":{r.PeerSeconds:F4}," +
        $"\"train_energy_joules_per_example\":{r.Train.EnergyJoules / r.Train.Examples:F4},\"correct\":{(r.Correct ? "true" : "false")}}}");

    private static void Report(Result r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Mapping}: {(r.Correct ? "weights and predictions equal the host's" : "RESULTS DIFFER FROM THE HOST")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    training  {r.Train.ExamplesPerSimulatedSecond,10:F1} examples per simulated s ({r.TrainExamples} examples), {r.Train.PacketsPerExample,8:F0} packets sent per example, {r.Train.PacketsDropped} dropped, {r.Train.CoresUsed} cores, {r.TrainSeconds:F1} host s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    inference {r.Inference.ExamplesPerSimulatedSecond,10:F1} examples per simulated s ({r.TestExamples} examples), {r.Inference.PacketsPerExample,8:F0} packets sent per example, {r.Inference.PacketsDropped} dropped, {r.Inference.CoresUsed} cores, {r.InferenceSeconds:F1} host s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    peer: the host backend {r.PeerSeconds * 1e3:F1} ms for the same training and predictions"));
    }

    private static Tensor Head(Tensor t, int n)
    {
        var shape = t.Shape;
        var row = t.Length / shape[0];
        shape[0] = Math.Min(n, shape[0]);
        return Tensor.FromArray(t.ReadOnlySpan[..(shape[0] * row)].ToArray(), shape);
    }

    private sealed record Result(string Mapping, int TrainExamples, int TestExamples, SpiNNakerRunStatistics Train, SpiNNakerRunStatistics Inference,
        double TrainSeconds, double InferenceSeconds, double PeerSeconds, bool Correct, BlockedRunStatistics? TrainDetails, BlockedRunStatistics? InferenceDetails);
}
