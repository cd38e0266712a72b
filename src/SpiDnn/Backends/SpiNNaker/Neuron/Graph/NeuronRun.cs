using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>
/// The settings every vertex of one neuron-mapping graph writes into its cores' data: the
/// number of examples of the run, the training loop (null for predictions), the backward
/// variant, the timer and the send-loop delay.
/// </summary>
internal sealed class NeuronRun
{
    /// <summary>Creates the settings.</summary>
    public NeuronRun(NeuronMappingOptions options, CostModel cost, int examples, TrainingSchedule? schedule, Loss? loss)
    {
        Options = options;
        Cost = cost;
        Examples = examples;
        Schedule = schedule;
        Loss = loss;
    }

    /// <summary>The mapping options.</summary>
    public NeuronMappingOptions Options { get; }

    /// <summary>The cost model (the core clock converts microseconds to cycles).</summary>
    public CostModel Cost { get; }

    /// <summary>Examples the run processes (every example of every epoch when training).</summary>
    public int Examples { get; }

    /// <summary>The training loop, or null for predictions.</summary>
    public TrainingSchedule? Schedule { get; }

    /// <summary>The loss being trained, or null for predictions.</summary>
    public Loss? Loss { get; }

    /// <summary>Whether the run trains.</summary>
    public bool Training => Schedule is not null;

    /// <summary>How errors travel backwards.</summary>
    public BackwardVariant Variant => Options.BackwardVariant;

    /// <summary>
    /// The timing of the core on processor p: the timer period, the seed's phase offset
    /// <c>ceil(spread * period / 17) * p</c> and the send-loop delays in cycles.
    /// </summary>
    public CoreTiming TimingFor(CoreLocation core)
    {
        var period = Options.TimerPeriodMicroseconds;
        var step = (uint)Math.Ceiling(Options.TimerPhaseSpread * period / (Chip.ProcessorsPerChip - 1));
        var cyclesPerMicrosecond = (uint)(Cost.CoreClockHz / 1_000_000);
        return new CoreTiming((uint)period, step * (uint)core.P,
            (uint)Options.SendDelayMicroseconds * cyclesPerMicrosecond, (uint)Options.ConvSendDelayMicroseconds * cyclesPerMicrosecond);
    }
}
