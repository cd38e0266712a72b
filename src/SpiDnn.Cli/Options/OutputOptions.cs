using System.CommandLine;

namespace SpiDnn.Cli.Options;

/// <summary><c>--json</c>: one JSON object on standard output instead of text (progress then goes to standard error).</summary>
internal sealed class OutputOptions
{
    /// <summary>The option.</summary>
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON object on standard output (progress goes to standard error).",
    };

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(Json);

    /// <summary>True when JSON output was asked for.</summary>
    public bool IsJson(ParseResult parse) => parse.GetValue(Json);
}
