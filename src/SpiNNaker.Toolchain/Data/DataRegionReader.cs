using System.Buffers.Binary;

namespace SpiNNaker.Toolchain.Data;

/// <summary>
/// Reads, in order, the words a <see cref="DataRegionWriter"/> wrote: the core's side of its
/// data, once at start (the core charges the SDRAM or DTCM reads itself). Reading past the end
/// is an <see cref="InvalidDataException"/> naming the region's length.
/// </summary>
public ref struct DataRegionReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _offset;

    /// <summary>Reads from <paramref name="bytes"/> (little-endian words).</summary>
    public DataRegionReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _offset = 0;
    }

    /// <summary>Words read so far.</summary>
    public readonly int WordsRead => _offset / sizeof(uint);

    /// <summary>The next word.</summary>
    /// <exception cref="InvalidDataException">The region has no more words.</exception>
    public uint UInt()
    {
        if (_offset + sizeof(uint) > _bytes.Length)
        {
            throw new InvalidDataException($"the region ends after {_bytes.Length / sizeof(uint)} words; word {WordsRead + 1} was expected");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[_offset..]);
        _offset += sizeof(uint);
        return value;
    }

    /// <summary>The next word as a signed integer.</summary>
    public int Int() => unchecked((int)UInt());

    /// <summary>The next word as a float's bits.</summary>
    public float Float() => BitConverter.UInt32BitsToSingle(UInt());

    /// <summary>The next word as a flag (not 0).</summary>
    public bool Bool() => UInt() != 0;

    /// <summary>The next two words as a 64-bit signed value, the low one first.</summary>
    public long Long()
    {
        var low = UInt();
        var high = UInt();
        return unchecked((long)(((ulong)high << 32) | low));
    }
}
