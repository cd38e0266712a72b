using SpiDnn.Backends.SpiNNaker.Blocked.Planning;

namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>
/// The plan of a blocked-mapping run, layer by layer (docs/mapping-blocked.md, section 3): how
/// each weighted layer is cut into cores, how many cores of one replica compute it, and which
/// layers share a fused core.
/// </summary>
/// <param name="Layers">The weighted layers in order.</param>
/// <param name="Replicas">Copies of the model.</param>
/// <param name="Slots">Examples in flight per replica.</param>
public sealed record BlockedPlanSummary(IReadOnlyList<BlockedLayerPlan> Layers, int Replicas, int Slots)
{
    /// <summary>Cores of one replica.</summary>
    public int CoresPerReplica => Layers.Sum(l => l.Cores);

    /// <summary>Cores of all replicas.</summary>
    public int TotalCores => CoresPerReplica * Replicas;

    /// <summary>Fused cores of one replica.</summary>
    public int FusedCoresPerReplica => Layers.Where(l => l.Split.Fused).Sum(l => l.Cores);

    /// <summary>One line: each layer's cores (a chain once, at its first layer) and the total.</summary>
    public override string ToString() =>
        string.Join("; ", Layers.Select(l => l.ToString())) + $" = {CoresPerReplica} cores" + (Replicas > 1 ? $" x {Replicas} replicas" : string.Empty);

    internal static BlockedPlanSummary Of(NetworkPlan plan) => new(
        [.. plan.Layers.Select(l => new BlockedLayerPlan(
            l.Geometry.Name,
            l.Split,
            plan.CoresOf(l.Position),
            l.IsFused && l.ChainFirst != l.ChainLast ? $"{plan.Layers[l.ChainFirst].Geometry.Name}..{plan.Layers[l.ChainLast].Geometry.Name}" : null))],
        plan.Replicas,
        plan.Slots);
}

/// <summary>One weighted layer of a <see cref="BlockedPlanSummary"/>.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Split">Its cut into cores.</param>
/// <param name="Cores">The cores of one replica that compute it (a fused chain's core counts at its first layer, 0 at the others).</param>
/// <param name="Chain">The fused chain it belongs to (<c>first..last</c>), or null.</param>
public sealed record BlockedLayerPlan(string Name, LayerSplit Split, int Cores, string? Chain)
{
    /// <summary>Formats as <c>name: cores (roles)</c>.</summary>
    public override string ToString() => Chain is not null
        ? $"{Name}: {(Cores > 0 ? $"1 fused core ({Chain})" : $"in {Chain}")}"
        : Split.Fused
            ? $"{Name}: {Cores} fused"
            : $"{Name}: {Split.WeightCores} weight + {Split.SumCores} sum";
}
