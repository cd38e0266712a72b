using System.Text.Json;

namespace SpiDnn.Cli.Tests;

/// <summary>One in-process run of the spidnn command line with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = SpidnnCommand.Run(args, new CliConsole(output, error));
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Stdout parsed as exactly one JSON object (fails on anything else on stdout).</summary>
    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}; stderr: {Error}");
        using var document = JsonDocument.Parse(Out);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }
}
