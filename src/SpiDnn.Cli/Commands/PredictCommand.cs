using System.CommandLine;
using System.Globalization;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Cli.Options;
using SpiDnn.Cli.Output;
using SpiDnn.Data;

namespace SpiDnn.Cli.Commands;

/// <summary>
/// <c>spidnn predict</c>: the predicted digit of images, either the first test images (with
/// their true labels) or the images of an IDX file.
/// </summary>
internal static class PredictCommand
{
    private const int DefaultTestImages = 10;

    /// <summary>Builds the command; it writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var model = new ModelOptions();
        var weights = WeightsOption.Create();
        var data = new DataOptions();
        var backend = new BackendOptions();
        var output = new OutputOptions();
        var images = new Option<string>("--images")
        {
            Description = "An IDX file of 28 x 28 unsigned-byte images (plain or .gz) to predict, instead of the test set.",
            HelpName = "file",
        }.ExistingFile();
        var count = new Option<int?>("--count", "-n")
        {
            Description = $"Predict only the first N images (default: {DefaultTestImages} of the test set, all of an --images file).",
            HelpName = "N",
        }.Positive();

        var command = new Command("predict", "Predict digits with saved weights: the first test images, or the images of an IDX file.");
        model.AddTo(command);
        command.Options.Add(weights);
        command.Options.Add(images);
        command.Options.Add(count);
        command.Options.Add(data.Directory);
        backend.AddTo(command);
        output.AddTo(command);

        command.SetAction(parse => CommandExecution.Run(console, () =>
        {
            var zoo = model.Resolve(parse);
            var path = parse.GetRequiredValue(weights);
            var imagesPath = parse.GetValue(images);
            Tensor x;
            int[]? labels = null;
            string source;
            if (imagesPath is not null)
            {
                x = Mnist.ReadImages(imagesPath);
                source = Path.GetFullPath(imagesPath);
            }
            else
            {
                var test = data.Load(parse).Test;
                x = test.X;
                labels = test.Classes();
                source = $"{data.Describe(parse)} test set";
            }
            var available = x.Shape[0];
            var n = parse.GetValue(count) ?? (imagesPath is null ? Math.Min(DefaultTestImages, available) : available);
            if (n > available)
            {
                throw new CliUsageException($"--count {n} is more than the {available} images in the {source}");
            }
            x = x.Slice(0, n);

            var network = WeightsOption.Load(zoo, path, backend.Create(parse));
            var outputs = network.Predict(zoo.PrepareInputs(x));
            var predictions = new Prediction[n];
            for (var i = 0; i < n; i++)
            {
                var row = outputs.RowSpan(i);
                var best = 0;
                for (var c = 1; c < row.Length; c++)
                {
                    if (row[c] > row[best])
                    {
                        best = c;
                    }
                }
                predictions[i] = new Prediction(i, best, row[best], labels?[i]);
            }
            float? accuracy = labels is null ? null : predictions.Count(p => p.Predicted == p.Label) / (float)n;
            var machine = (network.Backend as SpiNNakerBackend)?.LastRun;

            if (output.IsJson(parse))
            {
                ReportJson.Write(console.Out, (PredictReport)new PredictReport(
                    backend.Describe(parse), zoo.Name, Path.GetFullPath(path), source, n, predictions, accuracy).WithFigures(machine));
                return ExitCodes.Success;
            }
            console.Out.WriteLine($"model {zoo.Name}, weights {path}, images: {source}");
            console.Out.WriteLine(labels is null ? "image  predicted  confidence" : "image  predicted  confidence  label");
            foreach (var p in predictions)
            {
                var label = p.Label is int l ? string.Create(CultureInfo.InvariantCulture, $"  {l,5}{(l == p.Predicted ? "" : "  (wrong)")}") : "";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Index,5}  {p.Predicted,9}  {p.Confidence,10:F4}{label}"));
            }
            if (accuracy is float a)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {a:F4} ({predictions.Count(p => p.Predicted == p.Label)} of {n})"));
            }
            if (MachineFiguresReport.Describe(machine) is { } figures)
            {
                console.Out.WriteLine(figures);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
