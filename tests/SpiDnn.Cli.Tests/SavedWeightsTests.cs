using System.Text.Json;

namespace SpiDnn.Cli.Tests;

/// <summary>train --save, then evaluate and predict on the file: the three commands must agree to the last digit.</summary>
public sealed class SavedWeightsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spidnn-cli-weights-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string TrainAndSave(string model, out JsonElement report)
    {
        var weights = Path.Combine(_directory, $"{model}.weights.h5");
        report = CliRun.Of("train", "--backend", "host", "--model", model, "--train-samples", "600", "--test-samples", "200", "--epochs", "2", "--seed", "5",
            "--save", weights, "--json").Json();
        Assert.Equal(Path.GetFullPath(weights), report.GetProperty("saved_weights").GetString());
        return weights;
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn1d")]
    public void SavedWeights_EvaluateAndPredictReproduceTheTrainingFigures(string model)
    {
        var weights = TrainAndSave(model, out var trained);

        var evaluated = CliRun.Of("evaluate", "--backend", "host", "--model", model, "--weights", weights, "--test-samples", "200", "--json").Json();
        Assert.Equal(trained.GetProperty("test_accuracy").GetSingle(), evaluated.GetProperty("test_accuracy").GetSingle());
        Assert.Equal(trained.GetProperty("test_loss").GetSingle(), evaluated.GetProperty("test_loss").GetSingle());
        Assert.Equal(200, evaluated.GetProperty("test_samples").GetInt32());

        var predicted = CliRun.Of("predict", "--backend", "host", "--model", model, "--weights", weights, "--count", "200", "--json").Json();
        var predictions = predicted.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(200, predictions.Length);
        var correct = predictions.Count(p => p.GetProperty("predicted").GetInt32() == p.GetProperty("label").GetInt32());
        Assert.Equal(trained.GetProperty("test_accuracy").GetSingle(), correct / 200f);
        Assert.Equal(correct / 200f, predicted.GetProperty("accuracy").GetSingle());
        Assert.All(predictions, p => Assert.InRange(p.GetProperty("confidence").GetSingle(), 0.1f, 1f));
    }

    [Fact]
    public void Predict_IdxFile_GivesTheSamePredictionsAsForTheSameTestImages()
    {
        var weights = TrainAndSave("mlp", out _);
        var images = Path.Combine(_directory, "five-images-idx3-ubyte");
        MnistDirectory.WriteImages(images, SpiDnn.Data.Mnist.LoadEmbedded().Test.Take(5));

        var fromFile = CliRun.Of("predict", "--backend", "host", "--weights", weights, "--images", images, "--json").Json();
        var fromTestSet = CliRun.Of("predict", "--backend", "host", "--weights", weights, "--count", "5", "--json").Json();

        int[] Digits(JsonElement report) => [.. report.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("predicted").GetInt32())];
        Assert.Equal(5, fromFile.GetProperty("count").GetInt32());
        Assert.Equal(Digits(fromTestSet), Digits(fromFile));
        Assert.All(fromFile.GetProperty("predictions").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("label").ValueKind));
        Assert.Equal(JsonValueKind.Null, fromFile.GetProperty("accuracy").ValueKind);
    }

    [Fact]
    public void Predict_TextOutput_ListsOneLinePerImageAndTheAccuracy()
    {
        var weights = TrainAndSave("mlp", out _);

        var run = CliRun.Of("predict", "--backend", "host", "--weights", weights, "--count", "3");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("image  predicted  confidence  label", lines[1]);
        Assert.Equal(3, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s+\d\s+[01]\.\d{4}\s+\d")));
        Assert.Matches(@"^accuracy [01]\.\d{4} \(\d of 3\)$", lines[^1].TrimEnd());
    }

    [Fact]
    public void Evaluate_WeightsOfAnotherModel_FailsWithTheLibraryMessage()
    {
        var weights = TrainAndSave("cnn1d", out _);

        var run = CliRun.Of("evaluate", "--backend", "host", "--model", "mlp", "--weights", weights);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(weights, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CorruptWeightsFile_FailsWithoutAStackTrace()
    {
        var weights = Path.Combine(_directory, "corrupt.h5");
        File.WriteAllText(weights, "this is not HDF5");

        var run = CliRun.Of("evaluate", "--backend", "host", "--weights", weights);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_CorruptImagesFile_FailsNamingTheFile()
    {
        var weights = TrainAndSave("mlp", out _);
        var images = Path.Combine(_directory, "bad-images");
        File.WriteAllBytes(images, [1, 2, 3, 4, 5]);

        var run = CliRun.Of("predict", "--backend", "host", "--weights", weights, "--images", images);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains($"error: {images}: not an IDX file", run.Error, StringComparison.Ordinal);
    }
}
