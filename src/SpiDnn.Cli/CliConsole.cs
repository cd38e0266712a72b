namespace SpiDnn.Cli;

/// <summary>
/// Where a command writes: standard output (results, the JSON object), standard error
/// (errors, and progress when stdout carries JSON) and whether each is a terminal (a live
/// progress bar) or redirected (plain lines). Tests pass string writers.
/// </summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="OutIsTerminal">True when <paramref name="Out"/> is an interactive terminal.</param>
/// <param name="ErrorIsTerminal">True when <paramref name="Error"/> is an interactive terminal.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal = false, bool ErrorIsTerminal = false)
{
    /// <summary>The process's console.</summary>
    public static CliConsole FromSystemConsole()
        => new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
}
