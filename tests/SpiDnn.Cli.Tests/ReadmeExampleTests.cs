using System.Runtime.CompilerServices;
using SpiDnn;
using SpiDnn.Data;
using SpiDnn.Layers;
using SpiDnn.Optimizers;

// Outside the SpiDnn namespace so that the README's using directives are all needed here too.
namespace ReadmeExample;

/// <summary>The C# example of README.md is this file's <see cref="RunReadmeExample"/>, line for line, and it works.</summary>
public sealed class ReadmeExampleTests
{
    private const string Begin = "// README example: begin";
    private const string End = "// README example: end";

    private static (Sequential Model, Dataset Test, Evaluation Evaluation) RunReadmeExample()
    {
        // README example: begin
        var (train, test) = Mnist.LoadEmbedded();   // 8,000 training and 2,000 test digits

        var model = new Sequential(seed: 42)
            .Add(new Input(784))
            .Add(new Dense(128, Activation.Relu))
            .Add(new Dense(10, Activation.Softmax));
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(learningRate: 0.4f));

        var history = model.Fit(train.X, train.Y, epochs: 5, batchSize: 32);
        var evaluation = model.Evaluate(test.X, test.Y);
        Console.WriteLine($"loss {history.Loss[^1]:F4}, test accuracy {evaluation.Accuracy:F4}");

        model.SaveWeights("mlp.weights.h5");
        // README example: end
        return (model, test, evaluation);
    }

    [Fact]
    public void ReadmeExample_IsThisFilesCodeLineForLine()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("```csharp", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md has no ```csharp block");
        var stop = Array.FindIndex(readme, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var block = readme[(start + 1)..stop];

        var source = File.ReadAllLines(ThisFile());
        var usings = block.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(usings);
        Assert.All(usings, u => Assert.Contains(u, source));

        var body = block[usings.Length..].SkipWhile(string.IsNullOrWhiteSpace);
        var from = Array.FindIndex(source, l => l.Trim() == Begin) + 1;
        var to = Array.FindIndex(source, l => l.Trim() == End);
        Assert.Equal(Dedent(source[from..to]), Dedent(body));
    }

    [Fact]
    public void ReadmeExample_TrainsToOver93PercentAndSavesReloadableWeights()
    {
        var (model, test, evaluation) = RunReadmeExample();

        // Five epochs of the mlp reach about 0.95 (the CLI's 15 reach about 0.958).
        Assert.InRange(evaluation.Accuracy, 0.93f, 1f);
        var reloaded = new Sequential(seed: 7)
            .Add(new Input(784))
            .Add(new Dense(128, Activation.Relu))
            .Add(new Dense(10, Activation.Softmax));
        reloaded.LoadWeights("mlp.weights.h5");
        File.Delete("mlp.weights.h5");
        Assert.True(model.Predict(test.X).ReadOnlySpan.SequenceEqual(reloaded.Predict(test.X).ReadOnlySpan));
    }

    private static string[] Dedent(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.TrimEnd()).ToList();
        while (list.Count > 0 && list[^1].Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }
        var indent = list.Where(l => l.Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return [.. list.Select(l => l.Length == 0 ? l : l[indent..])];
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(ThisFile())!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpiDnn.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SpiDnn.slnx not found above " + ThisFile());
    }
}
