using System.Globalization;
using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Data;
using SpiDnn.Models;
using SpiNNaker.Simulator;

namespace SpiDnn.Bench;

/// <summary>
/// fixed-point: the accuracy cost of s16.15 fixed point against float on the blocked mapping
/// (docs/mapping-blocked.md, section 9): the zoo MLP trained on the machine in each format
/// (default settings, the embedded split), test accuracy and loss; then the float-trained
/// weights predicting the test digits in both formats: the largest difference of a predicted
/// probability and how many digits agree. Throughput of each format's training and inference
/// runs beside it, and the host backend trained the same way as the peer (float mode must
/// equal it).
/// </summary>
internal sealed class FixedPointBenchmark : IBenchmark
{
    public string Name => "fixed-point";

    public string Summary => "blocked mapping: s16.15 vs float accuracy and throughput on the MNIST MLP [--epochs 15]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "epochs");
        var epochs = Math.Max(1, options.Int("epochs", ModelZoo.Mlp.Defaults.Epochs));
        var (train, test) = Mnist.LoadEmbedded();
        var formats = new[] { NumberFormat.Float, NumberFormat.FixedS1615 };
        var trained = new Dictionary<NumberFormat, (Sequential Model, Evaluation Test, double TrainRate, double InferRate)>();
        foreach (var format in formats)
        {
            var backend = Backend(format);
            var model = ModelZoo.BuildCompiled(ModelZoo.Mlp, 0, ModelZoo.Mlp.Defaults.LearningRate, backend);
            model.Fit(train.X, train.Y, epochs, ModelZoo.Mlp.Defaults.BatchSize, shuffle: true, seed: 0);
            var trainRate = backend.LastRun!.ExamplesPerSimulatedSecond;
            var evaluation = model.Evaluate(test.X, test.Y);
            trained[format] = (model, evaluation, trainRate, backend.LastRun!.ExamplesPerSimulatedSecond);
        }

        var host = ModelZoo.BuildCompiled(ModelZoo.Mlp, 0, ModelZoo.Mlp.Defaults.LearningRate, new HostBackend());
        host.Fit(train.X, train.Y, epochs, ModelZoo.Mlp.Defaults.BatchSize, shuffle: true, seed: 0);
        var hostTest = host.Evaluate(test.X, test.Y);

        var weights = trained[NumberFormat.Float].Model.GetWeights();
        var predictions = new Dictionary<NumberFormat, Tensor>();
        foreach (var format in formats)
        {
            var model = ModelZoo.BuildCompiled(ModelZoo.Mlp, 0, ModelZoo.Mlp.Defaults.LearningRate, Backend(format));
            model.SetWeights(weights);
            predictions[format] = model.Predict(test.X);
        }

        var a = predictions[NumberFormat.Float];
        var b = predictions[NumberFormat.FixedS1615];
        var largest = Agreement.MaxDifference(a, b);
        var agree = Agreement.SameClass(a, b);

        var f = trained[NumberFormat.Float];
        var q = trained[NumberFormat.FixedS1615];
        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"fixed-point\",\"epochs\":{epochs},\"host_test_accuracy\":{hostTest.Accuracy:F4},\"float_test_accuracy\":{f.Test.Accuracy:F4},\"fixed_test_accuracy\":{q.Test.Accuracy:F4}," +
                $"\"float_test_loss\":{f.Test.Loss:F4},\"fixed_test_loss\":{q.Test.Loss:F4},\"largest_prediction_difference\":{largest:E3},\"argmax_agreement\":{agree}," +
                $"\"float_train_examples_per_simulated_second\":{f.TrainRate:F1},\"fixed_train_examples_per_simulated_second\":{q.TrainRate:F1}," +
                $"\"float_inference_examples_per_simulated_second\":{f.InferRate:F1},\"fixed_inference_examples_per_simulated_second\":{q.InferRate:F1}}}"));
        }
        else
        {
            Console.WriteLine($"fixed-point: the zoo MLP on the blocked mapping, {epochs} epochs on the embedded split");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  host    test accuracy {hostTest.Accuracy:F4}, loss {hostTest.Loss:F4} (the host backend, the peer)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  float   test accuracy {f.Test.Accuracy:F4}, loss {f.Test.Loss:F4}; training {f.TrainRate:F0}, inference {f.InferRate:F0} examples per simulated s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  s16.15  test accuracy {q.Test.Accuracy:F4}, loss {q.Test.Loss:F4}; training {q.TrainRate:F0}, inference {q.InferRate:F0} examples per simulated s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  from the same (float-trained) weights: largest difference of a predicted probability {largest:E2}, the same digit for {agree} of {test.Count}"));
        }

        return 0;
    }

    private static SpiNNakerBackend Backend(NumberFormat format) =>
        new(new SpiNNakerBackendOptions { Mapping = BlockedMapping.MappingName, NumberFormat = format });
}
