namespace SpiDnn.Cli.Tests;

/// <summary>
/// With no backend option the commands run on a simulated SpiN-5 board with the blocked
/// mapping, in float, and give the host backend's numbers.
/// </summary>
public sealed class DefaultBackendTests
{
    private static string[] ShortTrain(params string[] backend) =>
        ["train", "--train-samples", "96", "--test-samples", "40", "--epochs", "2", "--batch-size", "16", "--seed", "4", "--json", .. backend];

    [Fact]
    public void Train_WithNoBackendOption_RunsTheBlockedMappingOnASpiNN5_WithTheHostsNumbersAndNoDroppedPacket()
    {
        var host = CliRun.Of(ShortTrain("--backend", "host")).Json();

        var json = CliRun.Of(ShortTrain()).Json();

        Assert.Equal("spinnaker", json.GetProperty("backend").GetString());
        Assert.Equal("blocked", json.GetProperty("mapping").GetString());
        Assert.Equal("spinn5", json.GetProperty("machine").GetString());
        Assert.Equal(0, json.GetProperty("packets_dropped").GetInt64());
        Assert.Equal(host.GetProperty("test_accuracy").GetSingle(), json.GetProperty("test_accuracy").GetSingle());
        Assert.Equal(host.GetProperty("test_loss").GetSingle(), json.GetProperty("test_loss").GetSingle(), 1e-4f);
        Assert.Equal(host.GetProperty("train_loss").GetSingle(), json.GetProperty("train_loss").GetSingle(), 1e-4f);
        Assert.Equal(host.GetProperty("train_accuracy").GetSingle(), json.GetProperty("train_accuracy").GetSingle());
        Assert.True(json.GetProperty("examples_per_simulated_second").GetDouble() > 0);
    }

    [Fact]
    public void Train_WithFixedPointAndTwoReplicas_RunsAndReportsTheMachine()
    {
        var json = CliRun.Of(ShortTrain("--number-format", "fixed", "--replicas", "2")).Json();

        Assert.Equal("blocked", json.GetProperty("mapping").GetString());
        Assert.Equal(0, json.GetProperty("packets_dropped").GetInt64());
        Assert.InRange(json.GetProperty("test_accuracy").GetSingle(), 0f, 1f);
        Assert.True(json.GetProperty("train_loss").GetSingle() > 0);
    }

    [Fact]
    public void Train_TheCnn1dOnTheDefaultBackend_GivesTheHostsNumbers()
    {
        string[] args = ["train", "--model", "cnn1d", "--train-samples", "384", "--test-samples", "100", "--epochs", "2", "--seed", "6", "--json"];
        var host = CliRun.Of([.. args, "--backend", "host"]).Json();

        var json = CliRun.Of(args).Json();

        Assert.Equal("blocked", json.GetProperty("mapping").GetString());
        Assert.Equal(0, json.GetProperty("packets_dropped").GetInt64());
        Assert.Equal(host.GetProperty("test_accuracy").GetSingle(), json.GetProperty("test_accuracy").GetSingle());
        Assert.Equal(host.GetProperty("train_loss").GetSingle(), json.GetProperty("train_loss").GetSingle(), 1e-4f);
        Assert.InRange(json.GetProperty("test_accuracy").GetSingle(), 0.4f, 1f); // well above chance (0.1) after 768 examples
    }

    /// <summary>The acceptance run (the longest test of the suite, about a minute in Release): the default MLP on the embedded split, four epochs.</summary>
    [Fact]
    public void Train_TheDefaultMlpOnTheEmbeddedSplit_ReachesAtLeast95PercentOnTheSimulatedSpiNN5_WithoutDroppingAPacket()
    {
        var run = CliRun.Of("train", "--epochs", "4");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.TrimEntries);
        var accuracy = float.Parse(lines.Single(l => l.StartsWith("test accuracy ", StringComparison.Ordinal))["test accuracy ".Length..].Split(',')[0],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.95f, 1f);
        var figures = lines.Single(l => l.Contains("spinnaker (blocked mapping on spinn5): ", StringComparison.Ordinal));
        Assert.Contains(" 0 dropped", figures, StringComparison.Ordinal);
    }
}
