namespace SpiDnn.Numerics;

/// <summary>
/// The library's only source of randomness: SplitMix64 (Steele, Lea and Flood, "Fast
/// splittable pseudorandom number generators", OOPSLA 2014; constants as in Vigna's public
/// reference). A 64-bit counter advances by the golden-ratio increment
/// <c>0x9E3779B97F4A7C15</c> and each output is the counter passed through a fixed mixing
/// function. It is used instead of <see cref="Random"/> because its sequence is fixed by this
/// file, so the same seed gives the same weights and batch order on every .NET version and
/// every backend.
/// </summary>
internal struct SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>
    /// A generator for sub-stream <paramref name="stream"/> of <paramref name="seed"/> (for
    /// example one per layer or per epoch): the pair is mixed so that neighbouring seeds and
    /// streams give unrelated sequences.
    /// </summary>
    public static SplitMix64 ForStream(long seed, long stream)
    {
        var mixer = new SplitMix64(unchecked((ulong)seed));
        var first = mixer.NextUInt64();
        return new SplitMix64(first ^ Mix(unchecked((ulong)stream * GoldenGamma + 0x632BE59BD9B4E019UL)));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + GoldenGamma);
        return Mix(_state);
    }

    /// <summary>A float uniform on [0, 1) with 24 random bits (every value a multiple of 2^-24).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>An integer uniform on [0, <paramref name="bound"/>), without modulo bias (rejection).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), $"expected a positive bound. Received: bound={bound}");
        }
        var range = (ulong)bound;
        // Reject the top partial block so that every residue is equally likely.
        var limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw >= limit);
        return (int)(draw % range);
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
