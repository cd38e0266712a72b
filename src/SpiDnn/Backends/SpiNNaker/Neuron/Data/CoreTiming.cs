using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The timing every neuron-mapping core reads first: its timer period and phase (the seed's
/// per-core offset spreads the ticks of one chip's cores) and the delays it spends after each
/// packet of its send loops: the error loop (the seed's 12 us) and the filter loop of a
/// multi-filter Conv1D neuron (the seed's constant delay).
/// </summary>
/// <param name="PeriodMicroseconds">The timer period.</param>
/// <param name="PhaseMicroseconds">The delay of the first tick.</param>
/// <param name="ErrorSpacingCycles">Cycles after each packet of an error (or kernel-gradient) send loop.</param>
/// <param name="FilterSpacingCycles">Cycles after each packet of a Conv1D neuron's forward send loop.</param>
internal readonly record struct CoreTiming(uint PeriodMicroseconds, uint PhaseMicroseconds, uint ErrorSpacingCycles, uint FilterSpacingCycles)
{
    /// <summary>Writes the four words.</summary>
    public void Write(DataRegionWriter writer) => writer.Write(PeriodMicroseconds).Write(PhaseMicroseconds).Write(ErrorSpacingCycles).Write(FilterSpacingCycles);

    /// <summary>Reads the four words.</summary>
    public static CoreTiming Read(ref DataRegionReader reader) => new(reader.UInt(), reader.UInt(), reader.UInt(), reader.UInt());
}
