using SpiDnn.Backends.SpiNNaker.Neuron.Cores;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// A machine vertex of the neuron mapping: one core, with the status region every neuron core
/// keeps, and a name for diagnostics.
/// </summary>
internal abstract class NeuronCoreVertex : MachineVertex
{
    /// <summary>Creates the vertex.</summary>
    protected NeuronCoreVertex(string label, ResourceRequirements resources)
        : base(label) => Resources = resources;

    /// <inheritdoc/>
    public override ResourceRequirements Resources { get; }

    /// <summary>How the core is named in diagnostics, e.g. <c>layer 'dense_3' neuron 17</c>.</summary>
    public abstract string Describe();

    /// <summary>DTCM every neuron core needs besides its own arrays: globals and the two status copies.</summary>
    public const int BaseDtcmBytes = NeuronCore.GlobalsBytes + (2 * CoreStatus.Words * sizeof(uint));

    /// <summary>SDRAM every neuron core allocates itself: the status region.</summary>
    public const int BaseSdramBytes = CoreStatus.Words * sizeof(uint);

    /// <summary>DTCM of a send queue of <paramref name="entries"/> entries (key, payload, stream count, spacing: four words).</summary>
    public static int SendQueueBytes(int entries) => Math.Max(1, entries) * 16;

    /// <summary>Bytes of a region of <paramref name="words"/> words.</summary>
    public static int Words(int words) => words * sizeof(uint);
}
