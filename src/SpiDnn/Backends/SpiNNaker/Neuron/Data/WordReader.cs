namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>Reads the words written by <see cref="WordWriter"/> back in order (on the core, from a DTCM copy of the region).</summary>
internal ref struct WordReader
{
    private readonly ReadOnlySpan<uint> _words;
    private int _next;

    /// <summary>Reads from <paramref name="words"/>.</summary>
    public WordReader(ReadOnlySpan<uint> words)
    {
        _words = words;
        _next = 0;
    }

    /// <summary>The next word.</summary>
    public uint UInt() => _words[_next++];

    /// <summary>The next word as an integer.</summary>
    public int Int() => checked((int)_words[_next++]);

    /// <summary>The next word as a flag.</summary>
    public bool Bool() => _words[_next++] != 0;

    /// <summary>The next word as a float.</summary>
    public float Float() => BitConverter.UInt32BitsToSingle(_words[_next++]);

    /// <summary>The number of words read.</summary>
    public readonly int Position => _next;
}
