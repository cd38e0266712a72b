namespace SpiDnn.Backends.SpiNNaker.Neuron;

/// <summary>How errors travel backwards between neighbouring layers in the neuron mapping.</summary>
public enum BackwardVariant
{
    /// <summary>
    /// The seed's final working version: a neuron multicasts one packet per predecessor input
    /// (its error times that input's weight) on its single backward key to all its
    /// predecessors, and each predecessor keeps only the packet at its own position in the
    /// sender's sequence (a per-sender counter) and drops the rest. A layer of m neurons with
    /// n inputs sends n*m packets and causes n*m*n deliveries per example.
    /// </summary>
    MulticastEachError,

    /// <summary>
    /// "Shared parameters": each neuron keeps a copy of the next layer's weights on its
    /// connections and updates the copy itself, so a neuron multicasts only its own error
    /// (one packet per filter) and each predecessor weights it locally: m sends and n*m
    /// deliveries per example between the two layers, at the price of twice the weight
    /// memory and update work.
    /// </summary>
    SharedParameters,
}
