namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// Builds the contents of an SDRAM region as little-endian 32-bit words, the way a data
/// specification writes a region: unsigned integers, keys and IEEE floats one after another.
/// The core reads them back in the same order with <see cref="WordReader"/>.
/// </summary>
internal sealed class WordWriter
{
    private readonly List<uint> _words = [];

    /// <summary>The number of words written so far.</summary>
    public int Count => _words.Count;

    /// <summary>Appends an unsigned word.</summary>
    public WordWriter Add(uint value)
    {
        _words.Add(value);
        return this;
    }

    /// <summary>Appends a non-negative integer.</summary>
    public WordWriter Add(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        _words.Add((uint)value);
        return this;
    }

    /// <summary>Appends a flag as 0 or 1.</summary>
    public WordWriter Add(bool value)
    {
        _words.Add(value ? 1u : 0u);
        return this;
    }

    /// <summary>Appends a float by its bits.</summary>
    public WordWriter Add(float value)
    {
        _words.Add(BitConverter.SingleToUInt32Bits(value));
        return this;
    }

    /// <summary>Appends floats by their bits.</summary>
    public WordWriter AddRange(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
        return this;
    }

    /// <summary>Appends unsigned words.</summary>
    public WordWriter AddRange(ReadOnlySpan<uint> values)
    {
        foreach (var value in values)
        {
            _words.Add(value);
        }
        return this;
    }

    /// <summary>The words as the bytes of the region (little-endian).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_words.Count * sizeof(uint)];
        for (var i = 0; i < _words.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), _words[i]);
        }
        return bytes;
    }
}
