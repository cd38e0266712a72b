using System.Text.Json;

namespace SpiDnn.Cli.Tests;

/// <summary>
/// <c>spidnn map</c>: the mapping's numbers without a run, checked against the mappings' own
/// rules (docs/mapping-neuron.md: one core per neuron, inputs and labels packed as few per
/// core as fit, the loss vertex and the host gatherer) and against what a real run uses.
/// </summary>
public sealed class MapCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spidnn-cli-map-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Map_TheMlpWithTheNeuronMappingForPredicting_UsesOneCorePerNeuronPlusTheInputCoresAndTheGatherer()
    {
        var json = CliRun.Of("map", "--model", "mlp", "--mapping", "neuron", "--machine", "spinn5", "--operation", "predict", "--json").Json();

        // 128 + 10 neurons and the host gatherer; 784 inputs one per core would need 923 cores of
        // the 816, so two per core: 392 input cores.
        Assert.Equal(128 + 10 + 392 + 1, json.GetProperty("cores_used").GetInt32());
        Assert.Equal(816, json.GetProperty("machine_cores").GetInt32());
        Assert.Equal(48, json.GetProperty("machine_chips").GetInt32());
        Assert.Equal("neuron", json.GetProperty("mapping").GetString());
        Assert.Equal("predict", json.GetProperty("operation").GetString());
        Assert.Equal(2_000, json.GetProperty("examples").GetInt32());
        // Forward keys, one per input value and per neuron (the outputs go to the gatherer), and
        // the softmax exchange of the output layer, one per neuron.
        Assert.Equal(784 + 128 + 10 + 10, json.GetProperty("keys").GetInt64());
        Assert.InRange(json.GetProperty("chips_used").GetInt32(), 531 / 17, 48);
        Assert.True(json.GetProperty("largest_table_loaded").GetInt32() <= 1_023);
    }

    [Fact]
    public void Map_ForTraining_ListsTheCoresTheTrainingRunUses()
    {
        string[] settings = ["--train-samples", "8", "--test-samples", "4", "--epochs", "1", "--batch-size", "4", "--seed", "3", "--mapping", "neuron"];
        var map = CliRun.Of(["map", .. settings, "--json"]).Json();

        var run = CliRun.Of(["train", .. settings, "--json"]).Json();

        // Training adds the 10 labels two per core and the loss vertex: 128 + 10 + 392 + 5 + 1 + 1.
        Assert.Equal(537, map.GetProperty("cores_used").GetInt32());
        Assert.Equal(run.GetProperty("cores_used").GetInt32(), map.GetProperty("cores_used").GetInt32());
        Assert.Equal(run.GetProperty("chips_used").GetInt32(), map.GetProperty("chips_used").GetInt32());
    }

    [Fact]
    public void Map_WithReport_WritesTheFullReportAtomically_InTheFormatOfItsExtension()
    {
        var jsonPath = Path.Combine(_directory, "blocked.json");
        var textPath = Path.Combine(_directory, "blocked.txt");

        var summary = CliRun.Of("map", "--report", jsonPath, "--json").Json();
        var text = CliRun.Of("map", "--report", textPath);

        using var report = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = report.RootElement;
        Assert.Equal("blocked", summary.GetProperty("mapping").GetString());
        Assert.Equal(Path.GetFullPath(jsonPath), summary.GetProperty("report").GetString());
        Assert.Equal(summary.GetProperty("cores_used").GetInt32(), root.GetProperty("placements").GetArrayLength());
        Assert.Equal(summary.GetProperty("partitions").GetInt32(), root.GetProperty("partitions").GetArrayLength());
        Assert.Equal(summary.GetProperty("keys").GetInt64(), root.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("keyCount").GetInt64()));
        var tables = root.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(summary.GetProperty("largest_table_generated").GetInt32(), tables.Max(t => t.GetProperty("generated").GetInt32()));
        Assert.Equal(summary.GetProperty("largest_table_after_default_routes").GetInt32(), tables.Max(t => t.GetProperty("afterDefaultRoutes").GetInt32()));
        Assert.Equal(summary.GetProperty("largest_table_loaded").GetInt32(), tables.Max(t => t.GetProperty("final").GetInt32()));
        Assert.Equal(summary.GetProperty("table_entries_loaded").GetInt64(), tables.Sum(t => (long)t.GetProperty("final").GetInt32()));
        Assert.Equal(summary.GetProperty("sdram_bytes").GetInt64(), root.GetProperty("summary").GetProperty("sdramBytesUsed").GetInt64());

        // The blocked MLP's training plan (docs/mapping-blocked.md): 131 weight and 9 sum cores on 9 chips.
        Assert.Equal(140, summary.GetProperty("cores_used").GetInt32());
        Assert.Equal(9, summary.GetProperty("chips_used").GetInt32());

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("cores       140 of 816, on 9 of 48 chips", text.Out, StringComparison.Ordinal);
        Assert.Contains("plan        dense: 128 weight + 8 sum; dense_1: 3 weight + 1 sum = 140 cores", text.Out, StringComparison.Ordinal);
        Assert.Equal("dense: 128 weight + 8 sum; dense_1: 3 weight + 1 sum = 140 cores", summary.GetProperty("plan").GetString());
        Assert.Contains($"report      {Path.GetFullPath(textPath)}", text.Out, StringComparison.Ordinal);
        var written = File.ReadAllText(textPath);
        Assert.StartsWith("Mapping report", written, StringComparison.Ordinal);
        Assert.Contains("Placements (vertex -> core)", written, StringComparison.Ordinal);
        Assert.Contains("Routing tables (chip: generated -> after default routes -> loaded)", written, StringComparison.Ordinal);
        Assert.Equal(["blocked.json", "blocked.txt"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order()); // no temporary file left
    }

    [Fact]
    public void Map_AModelTooBigForTheMachine_FailsNamingWhatDidNotFit()
    {
        var run = CliRun.Of("map", "--mapping", "neuron", "--machine", "spinn3");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("138 neurons", run.Error, StringComparison.Ordinal);
        Assert.Contains("the machine has 68 application cores", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Map_TheBlockedMlpOnOneChip_FailsNamingThePlanAndTheCoresOffered()
    {
        var machine = Path.Combine(_directory, "one-chip.json");
        File.WriteAllText(machine, """{ "board": "spinn3", "deadChips": [[1, 1], [1, 0], [0, 1]] }""");

        var run = CliRun.Of("map", "--machine", machine);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the blocked plan needs 23 cores per replica", run.Error, StringComparison.Ordinal);
        Assert.Contains("the machine offers 17 per replica", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_AReportInADirectoryThatDoesNotExist_IsAUsageErrorNamingIt()
    {
        var missing = Path.Combine(_directory, "missing", "map.json");

        var run = CliRun.Of("map", "--report", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--report: the directory of '{missing}'", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Theory]
    [InlineData("--backend", "host")]
    [InlineData("--operation", "evaluate")]
    public void Map_OptionsItDoesNotHave_AreUsageErrors(string option, string value)
    {
        var run = CliRun.Of("map", option, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
    }
}
