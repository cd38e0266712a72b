namespace SpiDnn.Cli;

/// <summary>The process exit codes of <c>spidnn</c> (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: an unknown option or value, a bad number, a missing argument.</summary>
    public const int UsageError = 1;

    /// <summary>The command line was fine but the command failed: a missing or corrupt file, weights that do not fit the model.</summary>
    public const int Failure = 2;
}
