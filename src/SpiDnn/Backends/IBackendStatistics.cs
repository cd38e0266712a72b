namespace SpiDnn.Backends;

/// <summary>
/// Backend-specific figures about a run (the extension point of <see cref="History"/>): a
/// backend that measures something about how it ran (simulated time, packets, energy)
/// returns it through this interface.
/// </summary>
public interface IBackendStatistics
{
    /// <summary>The name of the backend that measured the figures.</summary>
    string BackendName { get; }

    /// <summary>The figures by name, in a stable order (for display and JSON output).</summary>
    IReadOnlyList<KeyValuePair<string, double>> Figures { get; }
}
