using System.CommandLine;
using System.Globalization;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Cli.Options;
using SpiDnn.Cli.Output;
using SpiDnn.Models;

namespace SpiDnn.Cli.Commands;

/// <summary>
/// <c>spidnn map</c>: maps a zoo model onto a SpiNNaker machine with a mapping, as <c>train</c>
/// (or <c>predict</c>) would, without running it, and prints the mapping's headline numbers;
/// <c>--report</c> writes the toolchain's full mapping report (placements, keys, routing
/// tables before and after compression), atomically.
/// </summary>
internal static class MapCommand
{
    /// <summary>What <c>--operation</c> accepts.</summary>
    public static IReadOnlyList<string> Operations { get; } = ["train", "predict"];

    /// <summary>Builds the command; it writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var model = new ModelOptions();
        var training = new TrainingOptions();
        var data = new DataOptions();
        var backend = new BackendOptions();
        var output = new OutputOptions();
        var operation = new Option<string>("--operation")
        {
            Description = "What to map: train (the training run of spidnn train, with its per-epoch test evaluation; the default) or predict (predicting the test examples).",
            DefaultValueFactory = _ => "train",
            HelpName = string.Join("|", Operations),
        }.OneOf(Operations);
        var report = new Option<string>("--report")
        {
            Description = "Write the full mapping report (placements, partitions and keys, every chip's routing table before and after compression) to this file: JSON when it ends in .json, text otherwise. Written atomically.",
            HelpName = "path",
        }.InExistingDirectory();

        var command = new Command("map", "Map a model onto a SpiNNaker machine without running it, and report cores, chips, keys, routing tables and memory.");
        model.AddTo(command);
        command.Options.Add(operation);
        training.AddTo(command);
        data.AddTo(command, withTraining: true);
        backend.AddTo(command, withBackend: false);
        command.Options.Add(report);
        output.AddTo(command);

        command.SetAction(parse => CommandExecution.Run(console, () =>
        {
            var zoo = model.Resolve(parse);
            var settings = training.Resolve(parse, zoo);
            var (train, test) = data.Load(parse);
            var spinnaker = backend.CreateSpiNNaker(parse);
            var network = ModelZoo.BuildCompiled(zoo, parse.GetValue(training.Seed), settings.LearningRate, spinnaker);
            var predicting = parse.GetRequiredValue(operation) == "predict";
            var mapping = predicting
                ? spinnaker.MapPredict(network, zoo.PrepareInputs(test.X))
                : spinnaker.MapFit(network, zoo.PrepareInputs(train.X), train.Y, settings.Epochs, settings.BatchSize, (zoo.PrepareInputs(test.X), test.Y));
            var full = mapping.CreateReport();
            var reportPath = parse.GetValue(report);
            if (reportPath is not null)
            {
                if (reportPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    full.SaveJson(reportPath);
                }
                else
                {
                    full.SaveText(reportPath);
                }
            }

            var s = full.Summary;
            var result = new MapReport(
                zoo.Name, backend.MappingName(parse), backend.MachineName(parse), predicting ? "predict" : "train",
                predicting ? test.Count : train.Count,
                s.MachineVertices, s.MachineApplicationCores, s.ChipsUsed, s.MachineChips, s.Partitions, s.Keys,
                s.ChipsWithTables, s.GeneratedEntriesMax, full.TableSizes.Select(t => t.AfterDefaultRoutes).DefaultIfEmpty(0).Max(),
                s.FinalEntriesMax, s.FinalEntriesTotal, s.TablesCompressed,
                s.DtcmBytesUsed, s.DtcmBytesMax, s.SdramBytesUsed, s.SdramBytesMaxPerChip,
                reportPath is null ? null : Path.GetFullPath(reportPath),
                (spinnaker.Mapping as BlockedMapping)?.LastPlan?.ToString());
            if (output.IsJson(parse))
            {
                ReportJson.Write(console.Out, result);
            }
            else
            {
                Describe(console.Out, result, zoo, settings, predicting ? null : test.Count);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Describe(TextWriter text, MapReport r, ZooModel zoo, TrainingDefaults settings, int? validation)
    {
        var c = CultureInfo.InvariantCulture;
        text.WriteLine(string.Create(c, $"model {zoo.Name} ({zoo.Description}), {r.Mapping} mapping on {r.Machine}"));
        text.WriteLine(validation is { } v
            ? string.Create(c, $"mapped for training: {r.Examples:N0} examples, {settings.Epochs} epochs, batch size {settings.BatchSize}, {v:N0} test examples after each epoch")
            : string.Create(c, $"mapped for predicting {r.Examples:N0} examples"));
        text.WriteLine(string.Create(c, $"cores       {r.CoresUsed:N0} of {r.MachineCores:N0}, on {r.ChipsUsed:N0} of {r.MachineChips:N0} chips"));
        if (r.Plan is not null)
        {
            text.WriteLine($"plan        {r.Plan}");
        }

        text.WriteLine(string.Create(c, $"partitions  {r.Partitions:N0}, {r.Keys:N0} keys"));
        text.WriteLine(string.Create(c,
            $"routing     tables on {r.ChipsWithTables:N0} chips, {r.TableEntriesLoaded:N0} entries loaded; largest {r.LargestTableGenerated:N0} entries generated, {r.LargestTableAfterDefaultRoutes:N0} after default routes, {r.LargestTableLoaded:N0} loaded ({r.TablesCompressed:N0} compressed)"));
        text.WriteLine(string.Create(c, $"DTCM        {r.DtcmBytes:N0} B declared, at most {r.DtcmBytesMaxPerCore:N0} B on a core"));
        text.WriteLine(string.Create(c, $"SDRAM       {r.SdramBytes:N0} B declared, at most {r.SdramBytesMaxPerChip:N0} B on a chip"));
        if (r.Report is not null)
        {
            text.WriteLine($"report      {r.Report}");
        }
    }
}
