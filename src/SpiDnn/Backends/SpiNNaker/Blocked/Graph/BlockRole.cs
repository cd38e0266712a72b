namespace SpiDnn.Backends.SpiNNaker.Blocked.Graph;

/// <summary>The kinds of core of the blocked mapping.</summary>
internal enum BlockRole
{
    /// <summary>Holds a block of a layer's kernel (docs/mapping-blocked.md, section 2).</summary>
    Weight,

    /// <summary>Adds partial sums, applies the activation, computes deltas.</summary>
    Sum,

    /// <summary>Both roles for a whole layer's tile, or for a chain of whole layers, in one core.</summary>
    Fused,
}
