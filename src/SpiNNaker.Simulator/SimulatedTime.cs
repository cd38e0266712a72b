namespace SpiNNaker.Simulator;

/// <summary>
/// Simulated time is a <see cref="long"/> count of picoseconds (a 200 MHz core cycle is
/// 5,000 ps). These helpers convert to and from everyday units.
/// </summary>
public static class SimulatedTime
{
    /// <summary>Picoseconds in a nanosecond.</summary>
    public const long Nanosecond = 1_000;

    /// <summary>Picoseconds in a microsecond.</summary>
    public const long Microsecond = 1_000_000;

    /// <summary>Picoseconds in a millisecond.</summary>
    public const long Millisecond = 1_000_000_000;

    /// <summary>Picoseconds in a second.</summary>
    public const long Second = 1_000_000_000_000;

    /// <summary>Picoseconds in <paramref name="microseconds"/> microseconds.</summary>
    public static long FromMicroseconds(double microseconds) => checked((long)Math.Round(microseconds * Microsecond));

    /// <summary>Picoseconds in <paramref name="milliseconds"/> milliseconds.</summary>
    public static long FromMilliseconds(double milliseconds) => checked((long)Math.Round(milliseconds * Millisecond));

    /// <summary>Seconds in <paramref name="picoseconds"/> picoseconds.</summary>
    public static double ToSeconds(long picoseconds) => picoseconds / (double)Second;

    /// <summary>Microseconds in <paramref name="picoseconds"/> picoseconds.</summary>
    public static double ToMicroseconds(long picoseconds) => picoseconds / (double)Microsecond;
}
