namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// A sender's TDMA slot for one partition: it sends at most one packet per
/// <see cref="PeriodPicoseconds"/>, within <see cref="WindowPicoseconds"/> after a time
/// congruent to <see cref="PhasePicoseconds"/> on the global clock (the phase already moved
/// earlier by its path latency). A period of 0 means unpaced.
/// </summary>
internal readonly record struct SendPacing(long PeriodPicoseconds, long PhasePicoseconds, long WindowPicoseconds)
{
    /// <summary>No pacing: send as fast as the core can.</summary>
    public static SendPacing None => default;
}
