using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>SpiNNaker backends the tests use.</summary>
internal static class Backends
{
    /// <summary>The neuron mapping on a SpiNN-5 board with default settings and <paramref name="variant"/>.</summary>
    public static SpiNNakerBackend SpiNN5(BackwardVariant variant = BackwardVariant.MulticastEachError, bool reinjection = false) =>
        new(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName, Reinjection = reinjection, Neuron = new NeuronMappingOptions { BackwardVariant = variant } });

    /// <summary>The neuron mapping on a SpiNN-3 board.</summary>
    public static SpiNNakerBackend SpiNN3(BackwardVariant variant = BackwardVariant.MulticastEachError) =>
        new(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName, Machine = MachineChoice.SpiNN3, Neuron = new NeuronMappingOptions { BackwardVariant = variant } });
}
