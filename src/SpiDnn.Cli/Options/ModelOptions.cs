using System.CommandLine;
using SpiDnn.Models;

namespace SpiDnn.Cli.Options;

/// <summary><c>--model</c>: which zoo model (<see cref="ModelZoo"/>) a command builds.</summary>
internal sealed class ModelOptions
{
    /// <summary>The option, default <c>mlp</c>.</summary>
    public Option<string> Model { get; } = new Option<string>("--model", "-m")
    {
        Description = $"The model: {string.Join("; ", ModelZoo.All.Select(m => m.ToString()))}.",
        DefaultValueFactory = _ => ModelZoo.Mlp.Name,
        HelpName = string.Join("|", ModelZoo.Names),
    }.OneOf(ModelZoo.Names);

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(Model);

    /// <summary>The chosen zoo model.</summary>
    public ZooModel Resolve(ParseResult parse) => ModelZoo.Get(parse.GetRequiredValue(Model));
}
