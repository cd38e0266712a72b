namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// Consecutive weighted layers run in one fused core (docs/mapping-blocked.md, section 3):
/// forward and backward through them happen inside the core, with no packets between them.
/// <paramref name="First"/> and <paramref name="Last"/> index <see cref="Sequential.Layers"/>
/// (Flatten layers between them are free).
/// </summary>
/// <param name="First">The chain's first layer (index in <see cref="Sequential.Layers"/>).</param>
/// <param name="Last">The chain's last layer (index in <see cref="Sequential.Layers"/>, at least <paramref name="First"/>).</param>
public sealed record LayerChain(int First, int Last)
{
    /// <summary>Formats as <c>layers first-last</c>.</summary>
    public override string ToString() => $"layers {First}-{Last}";
}
