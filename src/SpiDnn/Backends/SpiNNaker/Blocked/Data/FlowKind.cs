namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>What a partition's packets carry (its identifier prefix in the graph, and the pacing flow it belongs to).</summary>
internal enum FlowKind
{
    /// <summary>Partial pre-activations, weight core to its sum core.</summary>
    Partial = 0,

    /// <summary>Layer outputs, sum core to the next layer's weight cores (their inputs).</summary>
    Output = 1,

    /// <summary>Deltas, sum core to its weight cores.</summary>
    Delta = 2,

    /// <summary>Partial input errors, weight core to the previous layer's sum cores.</summary>
    Error = 3,

    /// <summary>Slot credits of inference examples, output sum cores to first-layer weight cores.</summary>
    Credit = 4,

    /// <summary>A member's batch gradient, to its group's leader.</summary>
    Reduce = 5,

    /// <summary>The group's summed gradient, leader to members.</summary>
    Reduced = 6,
}
