using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Cli.Options;
using SpiDnn.Cli.Output;

namespace SpiDnn.Cli.Commands;

/// <summary><c>spidnn evaluate</c>: the test-set loss and accuracy of saved weights.</summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command; it writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var model = new ModelOptions();
        var weights = WeightsOption.Create();
        var data = new DataOptions();
        var backend = new BackendOptions();
        var output = new OutputOptions();

        var command = new Command("evaluate", "Evaluate saved weights on the MNIST test digits.");
        model.AddTo(command);
        command.Options.Add(weights);
        data.AddTo(command, withTraining: false);
        backend.AddTo(command);
        output.AddTo(command);

        command.SetAction(parse => CommandExecution.Run(console, () =>
        {
            var wall = Stopwatch.StartNew();
            var zoo = model.Resolve(parse);
            var path = parse.GetRequiredValue(weights);
            var (_, test) = data.Load(parse);
            var network = WeightsOption.Load(zoo, path, backend.Create(parse));
            var evaluation = network.Evaluate(zoo.PrepareInputs(test.X), test.Y);
            var seconds = wall.Elapsed.TotalSeconds;
            var machine = (network.Backend as SpiNNakerBackend)?.LastRun;

            if (output.IsJson(parse))
            {
                ReportJson.Write(console.Out, (EvaluateReport)new EvaluateReport(
                    backend.Describe(parse), zoo.Name, data.Describe(parse), Path.GetFullPath(path),
                    test.Count, evaluation.Loss, evaluation.Accuracy, seconds).WithFigures(machine));
            }
            else
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"model {zoo.Name}, weights {path}, backend {network.Backend.Name}"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"test accuracy {evaluation.Accuracy:F4}, test loss {evaluation.Loss:F4} ({test.Count} examples, {seconds:F1} s)"));
                if (MachineFiguresReport.Describe(machine) is { } figures)
                {
                    console.Out.WriteLine(figures);
                }
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
