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

    /// <summary>All cores of all replicas.</summary>
    public int TotalCores => (WeightCoresPerReplica + SumCoresPerReplica) * Replicas;

    public override string ToString() =>
        $"{Replicas} x ({WeightCoresPerReplica} weight + {SumCoresPerReplica} sum cores), {Slots} slots, {Format}: " +
        string.Join("; ", Layers.Select(l => l.ToString()));
}
