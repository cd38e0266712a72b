using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// A model cut into blocks for one replica (every replica is the same plan): the layers'
/// splits, the pipeline depth, the number format and the loss's row structure.
/// </summary>
internal sealed class NetworkPlan
{
    public NetworkPlan(IReadOnlyList<LayerPlan> layers, int slots, int replicas, NumberFormat format, Loss loss, int rowsPerExample, int lossWidth, Activation lossActivation)
    {
        Layers = layers;
        Slots = slots;
        Replicas = replicas;
        Format = format;
        Loss = loss;
        RowsPerExample = rowsPerExample;
        LossWidth = lossWidth;
        LossActivation = lossActivation;
    }

    /// <summary>The weighted layers in order.</summary>
    public IReadOnlyList<LayerPlan> Layers { get; }

    /// <summary>Examples in flight per replica.</summary>
    public int Slots { get; }

    /// <summary>Copies of the model.</summary>
    public int Replicas { get; }

    /// <summary>The cores' number format.</summary>
    public NumberFormat Format { get; }

    /// <summary>The loss (scoring and training).</summary>
    public Loss Loss { get; }

    /// <summary>Loss rows per example (output positions, or 1).</summary>
    public int RowsPerExample { get; }

    /// <summary>Values per loss row (the output's last axis).</summary>
    public int LossWidth { get; }

    /// <summary>The output activation the loss sees (identity when the model ends with a Flatten, as on the host).</summary>
    public Activation LossActivation { get; }

    /// <summary>The first layer.</summary>
    public LayerPlan First => Layers[0];

    /// <summary>The output layer.</summary>
    public LayerPlan Last => Layers[^1];

    /// <summary>Weight cores of one replica.</summary>
    public int WeightCoresPerReplica => Layers.Sum(l => l.Split.WeightCores);

    /// <summary>Sum cores of one replica.</summary>
    public int SumCoresPerReplica => Layers.Sum(l => l.Split.SumCores);

    /// <summary>Fused cores of one replica (one per tile of a fused layer, one per chain).</summary>
    public int FusedCoresPerReplica => Layers.Where(l => l.IsFused && l.ChainFirst == l.Position).Sum(l => l.Split.Tiles);

    /// <summary>Cores of one replica.</summary>
    public int CoresPerReplica => WeightCoresPerReplica + SumCoresPerReplica + FusedCoresPerReplica;

    /// <summary>All cores of all replicas.</summary>
    public int TotalCores => CoresPerReplica * Replicas;

    /// <summary>The cores of one replica that compute layer <paramref name="position"/> (a chain's core is counted once, at its first layer).</summary>
    public int CoresOf(int position)
    {
        var layer = Layers[position];
        return layer.IsFused ? (layer.ChainFirst == position ? layer.Split.Tiles : 0) : layer.Split.WeightCores + layer.Split.SumCores;
    }

    public override string ToString()
    {
        var roles = FusedCoresPerReplica == 0
            ? $"{WeightCoresPerReplica} weight + {SumCoresPerReplica} sum cores"
            : $"{WeightCoresPerReplica} weight + {SumCoresPerReplica} sum + {FusedCoresPerReplica} fused cores";
        return $"{Replicas} x ({roles}), {Slots} slots, {Format}: " + string.Join("; ", Layers.Select(l => l.ToString()));
    }
}
