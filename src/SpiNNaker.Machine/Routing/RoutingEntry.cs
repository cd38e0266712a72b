namespace SpiNNaker.Machine;

/// <summary>
/// One routing-table entry: a packet whose key satisfies <c>(key &amp; Mask) == Key</c>
/// goes to every output of <see cref="Route"/>.
/// </summary>
public readonly record struct RoutingEntry
{
    /// <summary>Creates an entry.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> has bits outside <paramref name="mask"/>, so no packet could ever match.</exception>
    public RoutingEntry(uint key, uint mask, RouteWord route)
    {
        if ((key & ~mask) != 0)
        {
            throw new ArgumentException(
                $"routing entry key 0x{key:X8} has bits outside mask 0x{mask:X8} (0x{key & ~mask:X8}); no packet could match it", nameof(key));
        }

        Key = key;
        Mask = mask;
        Route = route;
    }

    /// <summary>The key that masked packet keys are compared with.</summary>
    public uint Key { get; }

    /// <summary>The bits of a packet key that take part in the comparison.</summary>
    public uint Mask { get; }

    /// <summary>Where matching packets go.</summary>
    public RouteWord Route { get; }

    /// <summary>Whether a packet with <paramref name="packetKey"/> matches this entry.</summary>
    public bool Matches(uint packetKey) => (packetKey & Mask) == Key;

    /// <summary>Deconstructs into key, mask and route.</summary>
    public void Deconstruct(out uint key, out uint mask, out RouteWord route)
    {
        key = Key;
        mask = Mask;
        route = Route;
    }

    /// <summary>Formats as <c>key/mask -> route</c> in hexadecimal.</summary>
    public override string ToString() => $"0x{Key:X8}/0x{Mask:X8} -> {Route}";
}
