namespace SpiDnn.Bench;

/// <summary>One sub-command of the benchmark executable (for example <c>sim-traffic</c>).</summary>
internal interface IBenchmark
{
    /// <summary>The sub-command name.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Runs the benchmark; <paramref name="json"/> asks for one JSON line on stdout.</summary>
    int Run(IReadOnlyList<string> args, bool json);
}
