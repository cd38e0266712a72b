using System.Buffers.Binary;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>Reads the words a <see cref="WordWriter"/> wrote (the core side, once at start; charged by the caller per word).</summary>
internal ref struct WordReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _offset;

    public WordReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _offset = 0;
    }

    /// <summary>Words read so far.</summary>
    public readonly int WordsRead => _offset / 4;

    public uint UInt()
    {
        if (_offset + 4 > _bytes.Length)
        {
            throw new InvalidDataException($"blocked-mapping parameters end after {_bytes.Length / 4} words; word {(_offset / 4) + 1} was expected");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[_offset..]);
        _offset += 4;
        return value;
    }

    public int Int() => unchecked((int)UInt());

    public float Float() => BitConverter.UInt32BitsToSingle(UInt());

    public long Long()
    {
        var low = UInt();
        var high = UInt();
        return (long)(((ulong)high << 32) | low);
    }

    /// <summary>A count and that many values into a DTCM array of <paramref name="allocate"/>.</summary>
    public T[] Array<T>(Func<int, T[]> allocate, Func<int, T> convert)
    {
        var count = Int();
        var values = allocate(count);
        for (var i = 0; i < count; i++)
        {
            values[i] = convert(Int());
        }

        return values;
    }
}
