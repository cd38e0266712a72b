namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The timing every neuron-mapping core reads first: its timer period and phase (the seed's
/// per-core offset spreads the ticks of one chip's cores) and the delay it spends after each
/// packet of a multi-packet send loop.
/// </summary>
/// <param name="PeriodMicroseconds">The timer period.</param>
/// <param name="PhaseMicroseconds">The delay of the first tick.</param>
/// <param name="SendSpacingCycles">Cycles after each packet of a multi-packet send loop.</param>
internal readonly record struct CoreTiming(uint PeriodMicroseconds, uint PhaseMicroseconds, uint SendSpacingCycles)
{
    /// <summary>Writes the three words.</summary>
    public void Write(WordWriter writer) => writer.Add(PeriodMicroseconds).Add(PhaseMicroseconds).Add(SendSpacingCycles);

    /// <summary>Reads the three words.</summary>
    public static CoreTiming Read(ref WordReader reader) => new(reader.UInt(), reader.UInt(), reader.UInt());
}
