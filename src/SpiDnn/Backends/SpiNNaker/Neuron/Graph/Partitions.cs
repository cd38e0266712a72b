namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>The outgoing edge partitions of the neuron mapping (the seed's partition identifiers).</summary>
internal static class Partitions
{
    /// <summary>A layer's outputs to the next layer (and to the loss or the host).</summary>
    public const string Forward = "forward";

    /// <summary>A layer's errors to the previous layer (the first layer's: to the host, the ping-pong "pong").</summary>
    public const string Backward = "backward";

    /// <summary>Inside a Dense softmax layer: exp values forward, error times output backward.</summary>
    public const string Softmax = "softmax";

    /// <summary>Inside a trainable Conv1D layer: every neuron's kernel gradient to the others.</summary>
    public const string KernelUpdate = "kernel_update";

    /// <summary>The label input vertex to the loss vertex.</summary>
    public const string Labels = "labels";

    /// <summary>The loss vertex to the host: the example's summed row losses and correct rows.</summary>
    public const string LossReport = "loss_report";

    /// <summary>The loss vertex to output neuron <paramref name="neuron"/>: its errors (one partition each, as the seed's unique partitions).</summary>
    public static string LossError(int neuron) => $"loss_error/{neuron}";
}
