using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>The SDRAM region ids of the neuron mapping's cores (one numbering for all vertex types).</summary>
internal static class NeuronRegions
{
    /// <summary>The core's parameters (words written by a <see cref="DataRegionWriter"/>).</summary>
    public const int Parameters = 0;

    /// <summary>The neuron's weights and bias; the core writes the trained values back here at the end.</summary>
    public const int Weights = 1;

    /// <summary>Shared parameters: the copy of the next layer's weights on this neuron's connections.</summary>
    public const int NextWeights = 2;

    /// <summary>Keys, when a core has one per output value (a flattened Conv1D neuron, the loss vertex).</summary>
    public const int Keys = 3;

    /// <summary>Kernel-gradient slots of a trainable Conv1D neuron: one row per neuron of its layer, summed in row order.</summary>
    public const int KernelSlots = 4;
}
