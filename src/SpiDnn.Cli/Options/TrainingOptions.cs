using System.CommandLine;
using SpiDnn.Models;

namespace SpiDnn.Cli.Options;

/// <summary>
/// <c>--epochs</c>, <c>--batch-size</c>, <c>--learning-rate</c>, <c>--seed</c>: each unset
/// value falls back to the chosen model's tuned <see cref="TrainingDefaults"/>.
/// </summary>
internal sealed class TrainingOptions
{
    /// <summary><c>--epochs</c>.</summary>
    public Option<int?> Epochs { get; } = new Option<int?>("--epochs", "-e")
    {
        Description = $"Passes over the training set (default per model: {Defaults(d => d.Epochs)}).",
        HelpName = "N",
    }.Positive();

    /// <summary><c>--batch-size</c>.</summary>
    public Option<int?> BatchSize { get; } = new Option<int?>("--batch-size", "-b")
    {
        Description = $"Examples per weight update (default per model: {Defaults(d => d.BatchSize)}).",
        HelpName = "N",
    }.Positive();

    /// <summary><c>--learning-rate</c>.</summary>
    public Option<float?> LearningRate { get; } = new Option<float?>("--learning-rate", "--lr")
    {
        Description = $"The SGD step (default per model: {Defaults(d => d.LearningRate)}).",
        HelpName = "x",
    }.PositiveFinite();

    /// <summary><c>--seed</c>: initial weights and the shuffle order.</summary>
    public Option<int> Seed { get; } = new Option<int>("--seed", "-s")
    {
        Description = "Seeds the initial weights and the order of the examples: the same seed gives the same result, bit for bit.",
        DefaultValueFactory = _ => 0,
        HelpName = "N",
    }.Integer();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Epochs);
        command.Options.Add(BatchSize);
        command.Options.Add(LearningRate);
        command.Options.Add(Seed);
    }

    /// <summary>The settings for <paramref name="model"/>: the options given, the model's defaults for the rest.</summary>
    public TrainingDefaults Resolve(ParseResult parse, ZooModel model)
        => new(parse.GetValue(Epochs) ?? model.Defaults.Epochs,
               parse.GetValue(BatchSize) ?? model.Defaults.BatchSize,
               parse.GetValue(LearningRate) ?? model.Defaults.LearningRate);

    private static string Defaults<T>(Func<TrainingDefaults, T> pick)
        => string.Join(", ", ModelZoo.All.Select(m => FormattableString.Invariant($"{m.Name} {pick(m.Defaults)}")));
}
