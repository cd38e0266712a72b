using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// How the SpiNNaker backend runs a model: on which simulated machine, with which mapping and
/// number format, how the routers are configured, and the mappings' own settings.
/// </summary>
public sealed record SpiNNakerBackendOptions
{
    /// <summary>The machine (default: one SpiNN-5 board).</summary>
    public MachineChoice Machine { get; init; } = MachineChoice.SpiNN5;

    /// <summary>
    /// The mapping by name (see <see cref="SpiNNakerBackend.MappingNames"/>): <c>blocked</c> (the
    /// default: weight blocks per core, pipelined, scales to the machine) or <c>neuron</c> (the
    /// thesis's one neuron per core, the baseline).
    /// </summary>
    public string Mapping { get; init; } = BlockedMapping.MappingName;

    /// <summary>How the cores represent numbers: software float (default) or s16.15 fixed point (the blocked mapping only; the neuron mapping computes in software float, as the seed did).</summary>
    public NumberFormat NumberFormat { get; init; } = NumberFormat.Float;

    /// <summary>Whether every chip runs a reinjector on an extra monitor core (one application core less per chip).</summary>
    public bool Reinjection { get; init; }

    /// <summary>Router cycles a blocked packet waits before emergency routing; null for the SC&amp;MP default (240, or 480 with reinjection).</summary>
    public int? RouterWait1Cycles { get; init; }

    /// <summary>Router cycles a blocked packet waits after emergency routing before it is dropped (SC&amp;MP: 0).</summary>
    public int RouterWait2Cycles { get; init; }

    /// <summary>The simulation's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The cost model (timings, cycle costs, energy).</summary>
    public CostModel Cost { get; init; } = CostModel.Default;

    /// <summary>Settings of the neuron mapping.</summary>
    public NeuronMappingOptions Neuron { get; init; } = new();

    /// <summary>Settings of the blocked mapping.</summary>
    public BlockedOptions Blocked { get; init; } = BlockedOptions.Default;

    /// <summary>The simulator's router configuration these options give.</summary>
    public SimulationOptions SimulationOptions => new()
    {
        Reinjection = Reinjection,
        RouterWait1Cycles = RouterWait1Cycles,
        RouterWait2Cycles = RouterWait2Cycles,
        Seed = Seed,
    };

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Machine);
        ArgumentNullException.ThrowIfNull(Cost);
        ArgumentNullException.ThrowIfNull(Neuron);
        ArgumentNullException.ThrowIfNull(Blocked);
        if (!SpiNNakerBackend.MappingNames.Contains(Mapping))
        {
            throw new ArgumentException($"expected a mapping among {string.Join(", ", SpiNNakerBackend.MappingNames)}. Received: Mapping='{Mapping}'");
        }
        if (!Enum.IsDefined(NumberFormat))
        {
            throw new ArgumentException($"expected a number format ({string.Join(", ", Enum.GetNames<NumberFormat>())}). Received: {NumberFormat}");
        }
        if (RouterWait1Cycles is < 0 || RouterWait2Cycles < 0)
        {
            throw new ArgumentException($"router waits must not be negative. Received: wait1={RouterWait1Cycles}, wait2={RouterWait2Cycles}");
        }
        Cost.Validate();
        Neuron.Validate();
        Blocked.Validate();
    }
}
