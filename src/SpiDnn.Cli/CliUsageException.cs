namespace SpiDnn.Cli;

/// <summary>
/// A command-line mistake found only while the command runs (for example
/// <c>--train-samples</c> larger than the data loaded); reported like a parse error, exit code 1.
/// </summary>
internal sealed class CliUsageException(string message) : Exception(message);
