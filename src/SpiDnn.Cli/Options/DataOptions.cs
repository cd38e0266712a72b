using System.CommandLine;
using SpiDnn.Data;

namespace SpiDnn.Cli.Options;

/// <summary>
/// Which digits a command uses: the embedded 8,000/2,000 split, or the original MNIST IDX
/// files in a directory (<c>--data</c>); optionally only the first examples of each set.
/// </summary>
internal sealed class DataOptions
{
    /// <summary><c>--data</c>: a directory with the four original MNIST files.</summary>
    public Option<string> Directory { get; } = new Option<string>("--data")
    {
        Description = "A directory with the original MNIST IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-...). Default: the embedded 8,000/2,000 digits.",
        HelpName = "dir",
    }.ExistingDirectory();

    /// <summary><c>--train-samples</c>: use only the first N training examples.</summary>
    public Option<int?> TrainSamples { get; } = new Option<int?>("--train-samples")
    {
        Description = "Use only the first N training examples (default: all).",
        HelpName = "N",
    }.Positive();

    /// <summary><c>--test-samples</c>: use only the first N test examples.</summary>
    public Option<int?> TestSamples { get; } = new Option<int?>("--test-samples")
    {
        Description = "Use only the first N test examples (default: all).",
        HelpName = "N",
    }.Positive();

    /// <summary>Adds <c>--data</c> and <c>--test-samples</c>, plus <c>--train-samples</c> when <paramref name="withTraining"/>.</summary>
    public void AddTo(Command command, bool withTraining)
    {
        command.Options.Add(Directory);
        if (withTraining)
        {
            command.Options.Add(TrainSamples);
        }
        command.Options.Add(TestSamples);
    }

    /// <summary>Loads the data and keeps the requested number of examples.</summary>
    /// <exception cref="CliUsageException">More examples were requested than the data holds.</exception>
    public (Dataset Train, Dataset Test) Load(ParseResult parse)
    {
        var directory = parse.GetValue(Directory);
        var (train, test) = directory is null ? Mnist.LoadEmbedded() : Mnist.LoadDirectory(directory);
        return (Limit(train, parse.GetValue(TrainSamples), TrainSamples.Name, "training"),
                Limit(test, parse.GetValue(TestSamples), TestSamples.Name, "test"));
    }

    /// <summary>A short name of the data source for reports.</summary>
    public string Describe(ParseResult parse)
        => parse.GetValue(Directory) is { } directory ? Path.GetFullPath(directory) : "embedded";

    private static Dataset Limit(Dataset data, int? count, string option, string set)
    {
        if (count is not int n)
        {
            return data;
        }
        if (n > data.Count)
        {
            throw new CliUsageException($"{option} {n} is more than the {data.Count} {set} examples available");
        }
        return data.Take(n);
    }
}
