namespace SpiDnn.Cli.Commands;

/// <summary>
/// Runs a command body and turns the failures a user can cause into a one-line message on
/// standard error and an exit code, instead of a stack trace.
/// </summary>
internal static class CommandExecution
{
    /// <summary>Runs <paramref name="body"/>; returns its exit code or the code of the failure.</summary>
    public static int Run(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
            or NotSupportedException or Backends.SpiNNaker.SpiNNakerRunException)
        {
            // Library errors name the problem and the value received (a corrupt file, weights
            // of another architecture, a model the mapping cannot run, a stalled SpiNNaker run
            // with its waiting cores): the message is the useful part.
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
