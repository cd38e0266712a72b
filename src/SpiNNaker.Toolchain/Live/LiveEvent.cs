namespace SpiNNaker.Toolchain.Live;

/// <summary>One multicast packet crossing the host link: its key, its payload if it has one, and when it arrived.</summary>
/// <param name="Key">The packet key.</param>
/// <param name="Payload">The payload (0 when there is none).</param>
/// <param name="HasPayload">Whether the packet carries a payload.</param>
/// <param name="ArrivedAt">The simulated time, in picoseconds, the message holding it reached the host (0 for events the host sends).</param>
public readonly record struct LiveEvent(uint Key, uint Payload, bool HasPayload, long ArrivedAt)
{
    /// <summary>An event with a payload.</summary>
    public static LiveEvent WithPayload(uint key, uint payload) => new(key, payload, true, 0);

    /// <summary>An event without a payload.</summary>
    public static LiveEvent KeyOnly(uint key) => new(key, 0, false, 0);
}
