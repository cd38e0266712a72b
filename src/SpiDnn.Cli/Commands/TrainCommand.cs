using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Cli.Options;
using SpiDnn.Cli.Output;
using SpiDnn.Models;

namespace SpiDnn.Cli.Commands;

/// <summary>
/// <c>spidnn train</c>: trains a zoo model on MNIST digits, reports the test-set loss and
/// accuracy, optionally saves the weights (Keras HDF5).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Builds the command; it writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var model = new ModelOptions();
        var training = new TrainingOptions();
        var data = new DataOptions();
        var backend = new BackendOptions();
        var output = new OutputOptions();
        var save = new Option<string>("--save")
        {
            Description = "Write the trained weights to this Keras HDF5 file (for example weights.h5).",
            HelpName = "file",
        };

        var command = new Command("train", "Train a model on MNIST digits and report its test accuracy.");
        model.AddTo(command);
        training.AddTo(command);
        data.AddTo(command, withTraining: true);
        backend.AddTo(command);
        command.Options.Add(save);
        output.AddTo(command);

        command.SetAction(parse => CommandExecution.Run(console, () =>
        {
            var wall = Stopwatch.StartNew();
            var zoo = model.Resolve(parse);
            var settings = training.Resolve(parse, zoo);
            var seed = parse.GetValue(training.Seed);
            var json = output.IsJson(parse);
            var savePath = parse.GetValue(save);
            var (train, test) = data.Load(parse);
            var text = json ? TextWriter.Null : console.Out;

            var network = ModelZoo.BuildCompiled(zoo, seed, settings.LearningRate, backend.Create(parse));
            var x = zoo.PrepareInputs(train.X);
            var testX = zoo.PrepareInputs(test.X);
            text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model {zoo.Name} ({zoo.Description}), {network.ParameterCount:N0} parameters, backend {network.Backend.Name}"));
            text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"data {data.Describe(parse)}: {train.Count} training, {test.Count} test examples"));
            text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"training {settings.Epochs} epochs, batch size {settings.BatchSize}, learning rate {settings.LearningRate}, seed {seed}"));

            // With --json, stdout carries only the JSON object: progress goes to stderr.
            var (progressWriter, progressIsTerminal) = json ? (console.Error, console.ErrorIsTerminal) : (console.Out, console.OutIsTerminal);
            var fitClock = Stopwatch.StartNew();
            var history = TrainingDisplay.Run(progressWriter, progressIsTerminal, progress =>
                network.Fit(x, train.Y, settings.Epochs, settings.BatchSize, shuffle: true, seed: seed,
                    validationData: (testX, test.Y), progress: progress));
            var trainSeconds = fitClock.Elapsed.TotalSeconds;
            // The SpiNNaker figures describe the training (its epochs and validation runs).
            var machine = history.BackendStatistics as SpiNNakerRunStatistics;
            var evaluation = network.Evaluate(testX, test.Y);
            if (savePath is not null)
            {
                network.SaveWeights(savePath);
            }
            var wallSeconds = wall.Elapsed.TotalSeconds;

            if (json)
            {
                ReportJson.Write(console.Out, (TrainReport)new TrainReport(
                    backend.Describe(parse), zoo.Name, data.Describe(parse), settings.Epochs, settings.BatchSize,
                    settings.LearningRate, seed, train.Count, test.Count, network.ParameterCount,
                    history.Loss[^1], history.Accuracy[^1], evaluation.Loss, evaluation.Accuracy,
                    trainSeconds, wallSeconds, savePath is null ? null : Path.GetFullPath(savePath), Epochs(history)).WithFigures(machine));
            }
            else
            {
                text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"test accuracy {evaluation.Accuracy:F4}, test loss {evaluation.Loss:F4} ({test.Count} examples)"));
                text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"training {trainSeconds:F1} s, total {wallSeconds:F1} s"));
                if (MachineFiguresReport.Describe(machine) is { } figures)
                {
                    text.WriteLine($"training on {figures}");
                }
                if (savePath is not null)
                {
                    text.WriteLine($"weights saved to {savePath}");
                }
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static EpochRecord[] Epochs(History history)
        => [.. Enumerable.Range(0, history.Epochs).Select(e => new EpochRecord(
            e + 1, history.Loss[e], history.Accuracy[e],
            e < history.ValidationLoss.Count ? history.ValidationLoss[e] : null,
            e < history.ValidationAccuracy.Count ? history.ValidationAccuracy[e] : null))];
}
