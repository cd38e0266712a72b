using System.Buffers.Binary;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>Builds an SDRAM region as little-endian 32-bit words (the host side of a data specification).</summary>
internal sealed class WordWriter
{
    private readonly List<uint> _words = [];

    /// <summary>The words written so far.</summary>
    public int Count => _words.Count;

    /// <summary>Appends an unsigned word.</summary>
    public WordWriter Add(uint value)
    {
        _words.Add(value);
        return this;
    }

    /// <summary>Appends a signed word.</summary>
    public WordWriter Add(int value) => Add(unchecked((uint)value));

    /// <summary>Appends a float's bits.</summary>
    public WordWriter Add(float value) => Add(BitConverter.SingleToUInt32Bits(value));

    /// <summary>Appends a 64-bit value as two words, low first.</summary>
    public WordWriter Add(long value) => Add(unchecked((uint)value)).Add(unchecked((uint)(value >> 32)));

    /// <summary>Appends a count and then the values.</summary>
    public WordWriter AddArray(IReadOnlyCollection<int> values)
    {
        Add(values.Count);
        foreach (var v in values)
        {
            Add(v);
        }

        return this;
    }

    /// <summary>The region's bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_words.Count * 4];
        for (var i = 0; i < _words.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), _words[i]);
        }

        return bytes;
    }
}
