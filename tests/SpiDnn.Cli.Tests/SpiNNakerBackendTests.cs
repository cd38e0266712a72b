namespace SpiDnn.Cli.Tests;

/// <summary>
/// The commands on the SpiNNaker backend (a simulated SpiNN-5 with the neuron mapping, few
/// examples: the ping-pong protocol takes tens of simulated milliseconds per example): the same
/// figures as the host backend, plus the machine's run figures in the JSON report.
/// </summary>
public sealed class SpiNNakerBackendTests : IDisposable
{
    private static readonly string[] MachineFields =
        ["mapping", "machine", "simulated_seconds", "examples_per_simulated_second", "packets_sent", "packets_dropped", "packets_reinjected", "cores_used", "chips_used", "energy_joules"];

    private readonly string _directory = Directory.CreateTempSubdirectory("spidnn-cli-spinnaker-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] ShortTrain(params string[] backend) =>
        ["train", "--train-samples", "8", "--test-samples", "4", "--epochs", "1", "--batch-size", "4", "--seed", "3", "--json", .. backend];

    [Fact]
    public void Train_OnTheNeuronMappingOfASpiNN5_GivesTheHostsNumbersAndReportsTheMachineFigures()
    {
        var host = CliRun.Of(ShortTrain("--backend", "host")).Json();

        var json = CliRun.Of(ShortTrain("--backend", "spinnaker", "--mapping", "neuron", "--machine", "spinn5")).Json();

        Assert.Equal("spinnaker", json.GetProperty("backend").GetString());
        Assert.Equal("neuron", json.GetProperty("mapping").GetString());
        Assert.Equal("spinn5", json.GetProperty("machine").GetString());
        Assert.Equal(host.GetProperty("test_accuracy").GetSingle(), json.GetProperty("test_accuracy").GetSingle());
        Assert.Equal(host.GetProperty("test_loss").GetSingle(), json.GetProperty("test_loss").GetSingle(), 1e-4f);
        Assert.Equal(host.GetProperty("train_loss").GetSingle(), json.GetProperty("train_loss").GetSingle(), 1e-4f);
        // The training run (the larger of the two runs): 784 inputs and 10 labels two to a core,
        // 128 + 10 neurons, the loss vertex, the host gatherer.
        Assert.Equal(392 + 5 + 128 + 10 + 1 + 1, json.GetProperty("cores_used").GetInt32());
        Assert.InRange(json.GetProperty("chips_used").GetInt32(), 24, 48);
        Assert.Equal(0, json.GetProperty("packets_dropped").GetInt64());
        Assert.Equal(0, json.GetProperty("packets_reinjected").GetInt64());
        var seconds = json.GetProperty("simulated_seconds").GetDouble();
        Assert.Equal(12 / seconds, json.GetProperty("examples_per_simulated_second").GetDouble(), 1e-6);
        Assert.True(json.GetProperty("packets_sent").GetInt64() > 12 * 784);
        Assert.True(json.GetProperty("energy_joules").GetDouble() > 48 * 0.35 * seconds);
    }

    [Fact]
    public void Train_OnTheHost_ReportsNoMachineFigures()
    {
        var json = CliRun.Of(ShortTrain("--backend", "host")).Json();

        foreach (var field in MachineFields)
        {
            Assert.False(json.TryGetProperty(field, out _), $"the host report has '{field}'");
        }
    }

    [Fact]
    public void EvaluateAndPredict_OnSpiNNaker_AgreeWithTheHostOnSavedWeights_AndReportTheMachine()
    {
        var weights = Path.Combine(_directory, "mlp.weights.h5");
        CliRun.Of("train", "--backend", "host", "--train-samples", "300", "--test-samples", "6", "--epochs", "1", "--seed", "2", "--save", weights, "--json").Json();
        var machineFile = Path.Combine(_directory, "spinn5-dead-chip.json");
        File.WriteAllText(machineFile, """{ "board": "spinn5", "deadChips": [[7, 7]] }""");

        var hostEvaluation = CliRun.Of("evaluate", "--backend", "host", "--weights", weights, "--test-samples", "6", "--json").Json();
        var evaluation = CliRun.Of("evaluate", "--weights", weights, "--test-samples", "6", "--json", "--backend", "spinnaker", "--mapping", "neuron").Json();
        var prediction = CliRun.Of("predict", "--weights", weights, "--count", "3", "--json", "--backend", "spinnaker", "--mapping", "neuron", "--machine", machineFile).Json();

        Assert.Equal(hostEvaluation.GetProperty("test_accuracy").GetSingle(), evaluation.GetProperty("test_accuracy").GetSingle());
        Assert.Equal(hostEvaluation.GetProperty("test_loss").GetSingle(), evaluation.GetProperty("test_loss").GetSingle(), 1e-5f);
        Assert.Equal("spinn5", evaluation.GetProperty("machine").GetString());
        Assert.Equal(machineFile, prediction.GetProperty("machine").GetString());
        Assert.Equal(3, prediction.GetProperty("predictions").GetArrayLength());
        foreach (var field in MachineFields)
        {
            Assert.True(evaluation.TryGetProperty(field, out _), $"the evaluate report lacks '{field}'");
            Assert.True(prediction.TryGetProperty(field, out _), $"the predict report lacks '{field}'");
        }
        Assert.Equal(3 / prediction.GetProperty("simulated_seconds").GetDouble(), prediction.GetProperty("examples_per_simulated_second").GetDouble(), 1e-6);
    }

    [Fact]
    public void Predict_TextOutputOnSpiNNaker_EndsWithTheMachineFigures()
    {
        var weights = Path.Combine(_directory, "mlp.weights.h5");
        CliRun.Of("train", "--backend", "host", "--train-samples", "200", "--test-samples", "2", "--epochs", "1", "--save", weights, "--json").Json();

        var run = CliRun.Of("predict", "--weights", weights, "--count", "2", "--backend", "spinnaker", "--mapping", "neuron");

        Assert.Equal(0, run.ExitCode);
        var last = run.Out.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("spinnaker (neuron mapping on spinn5): ", last, StringComparison.Ordinal);
        Assert.Contains("0 dropped", last, StringComparison.Ordinal);
    }
}
