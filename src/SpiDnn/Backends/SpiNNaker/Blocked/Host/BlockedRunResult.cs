using SpiDnn.Backends.SpiNNaker.Blocked.Planning;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Host;

/// <summary>What a blocked machine run returns.</summary>
internal sealed class BlockedRunResult
{
    public required NetworkPlan Plan { get; init; }

    /// <summary>After training: each weighted layer's kernel then bias, Keras layout.</summary>
    public required float[][]? Weights { get; init; }

    /// <summary>After a predict run: every example's outputs, row-major.</summary>
    public required float[]? Predictions { get; init; }

    /// <summary>Every phase's scores in order.</summary>
    public required IReadOnlyList<PhaseScore> Phases { get; init; }

    public required BlockedRunStatistics Statistics { get; init; }
}
