using System.Text.Json;

namespace SpiDnn.Cli.Tests;

/// <summary>Short real training runs through the command line (1,000 examples: a second or two each).</summary>
public sealed class TrainCommandTests
{
    private static readonly string[] ShortMlp = ["train", "--backend", "host", "--train-samples", "1000", "--test-samples", "500", "--epochs", "4", "--seed", "1", "--json"];

    [Fact]
    public void Train_ShortMlpRun_LearnsAndReportsConsistentJson()
    {
        var run = CliRun.Of(ShortMlp);
        var json = run.Json();

        Assert.Equal("host", json.GetProperty("backend").GetString());
        Assert.Equal("mlp", json.GetProperty("model").GetString());
        Assert.Equal("embedded", json.GetProperty("data").GetString());
        Assert.Equal(4, json.GetProperty("epochs").GetInt32());
        Assert.Equal(32, json.GetProperty("batch_size").GetInt32()); // the mlp default
        Assert.Equal(0.4f, json.GetProperty("learning_rate").GetSingle());
        Assert.Equal(1000, json.GetProperty("train_samples").GetInt32());
        Assert.Equal(500, json.GetProperty("test_samples").GetInt32());
        Assert.Equal(101_770, json.GetProperty("parameters").GetInt32());

        // Ten classes: chance is 0.1. A thousand examples and four epochs give about 0.9.
        var accuracy = json.GetProperty("test_accuracy").GetSingle();
        Assert.InRange(accuracy, 0.8f, 1f);
        var loss = json.GetProperty("test_loss").GetSingle();
        Assert.InRange(loss, 0f, 1f);

        var history = json.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4], history.Select(h => h.GetProperty("epoch").GetInt32()));
        Assert.True(history[^1].GetProperty("loss").GetSingle() < history[0].GetProperty("loss").GetSingle());
        // The last epoch's test figures are the final evaluation of the same weights on the same examples.
        Assert.Equal(accuracy, history[^1].GetProperty("test_accuracy").GetSingle());
        Assert.Equal(loss, history[^1].GetProperty("test_loss").GetSingle(), 1e-5f);
        Assert.Equal(json.GetProperty("train_loss").GetSingle(), history[^1].GetProperty("loss").GetSingle());

        var train = json.GetProperty("train_seconds").GetDouble();
        Assert.InRange(train, 1e-6, json.GetProperty("wall_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("saved_weights").ValueKind);

        // Progress went to stderr as one plain line per epoch, leaving stdout to the JSON object.
        Assert.Equal(4, run.Error.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Train_SameSeedTwice_GivesIdenticalNumbers()
    {
        var first = CliRun.Of(ShortMlp).Json();
        var second = CliRun.Of(ShortMlp).Json();

        Assert.Equal(first.GetProperty("test_loss").GetSingle(), second.GetProperty("test_loss").GetSingle());
        Assert.Equal(first.GetProperty("history").GetRawText(), second.GetProperty("history").GetRawText());
    }

    [Fact]
    public void Train_ShortCnn1DRun_UsesTheCnnDefaultsAndLearns()
    {
        var json = CliRun.Of("train", "--backend", "host", "--model", "cnn1d", "--train-samples", "1000", "--test-samples", "500", "--epochs", "3", "--seed", "1", "--json").Json();

        Assert.Equal("cnn1d", json.GetProperty("model").GetString());
        Assert.Equal(0.2f, json.GetProperty("learning_rate").GetSingle());
        Assert.Equal(10_826, json.GetProperty("parameters").GetInt32());
        Assert.InRange(json.GetProperty("test_accuracy").GetSingle(), 0.8f, 1f);
    }

    [Fact]
    public void Train_TextOutput_PrintsSettingsEpochLinesAndTheTestAccuracy()
    {
        var run = CliRun.Of("train", "--backend", "host", "--train-samples", "300", "--test-samples", "100", "--epochs", "2", "--batch-size", "16", "--lr", "0.1");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("training 2 epochs, batch size 16, learning rate 0.1, seed 0", lines);
        Assert.Equal(["epoch 1/2", "epoch 2/2"], lines.Where(l => l.StartsWith("epoch", StringComparison.Ordinal)).Select(l => l[..9]));
        Assert.Matches(@"^test accuracy 0\.\d{4}, test loss \d+\.\d{4} \(100 examples\)$", lines.Single(l => l.StartsWith("test accuracy", StringComparison.Ordinal)));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Train_DataDirectoryOfIdxFiles_TrainsOnThoseFiles()
    {
        using var mnist = new MnistDirectory(trainCount: 200, testCount: 50);

        var json = CliRun.Of("train", "--backend", "host", "--data", mnist.Path, "--epochs", "1", "--json").Json();

        Assert.Equal(System.IO.Path.GetFullPath(mnist.Path), json.GetProperty("data").GetString());
        Assert.Equal(200, json.GetProperty("train_samples").GetInt32());
        Assert.Equal(50, json.GetProperty("test_samples").GetInt32());
    }
}
