using System.Buffers.Binary;
using SpiNNaker.Simulator;

namespace SpiNNaker.Toolchain.Data;

/// <summary>
/// Builds the bytes of an SDRAM region as a core reads them: little-endian 32-bit words
/// (as the ARM968 stores them), floats in IEEE-754 single precision, flags as 0 or 1, 64-bit
/// values as two words (low first). The core reads them back in the same order with
/// <see cref="DataRegionReader"/>.
/// </summary>
public sealed class DataRegionWriter
{
    private readonly List<byte> _bytes = [];

    /// <summary>The bytes written so far.</summary>
    public int Length => _bytes.Count;

    /// <summary>Appends a 32-bit unsigned word.</summary>
    public DataRegionWriter Write(uint value)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, value);
        _bytes.AddRange(word);
        return this;
    }

    /// <summary>Appends a 32-bit signed word.</summary>
    public DataRegionWriter Write(int value) => Write(unchecked((uint)value));

    /// <summary>Appends a 32-bit float.</summary>
    public DataRegionWriter Write(float value) => Write(BitConverter.SingleToUInt32Bits(value));

    /// <summary>Appends a flag as the word 0 or 1.</summary>
    public DataRegionWriter Write(bool value) => Write(value ? 1u : 0u);

    /// <summary>Appends a 64-bit signed value as two words, the low one first.</summary>
    public DataRegionWriter Write(long value) => Write(unchecked((uint)value)).Write(unchecked((uint)(value >> 32)));

    /// <summary>Appends a count, then that many signed words (a length-prefixed array).</summary>
    public DataRegionWriter WriteArray(ReadOnlySpan<int> values)
    {
        Write(values.Length);
        foreach (var v in values)
        {
            Write(v);
        }

        return this;
    }

    /// <summary>Appends unsigned words.</summary>
    public DataRegionWriter Write(ReadOnlySpan<uint> values)
    {
        foreach (var v in values)
        {
            Write(v);
        }

        return this;
    }

    /// <summary>Appends floats.</summary>
    public DataRegionWriter Write(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            Write(v);
        }

        return this;
    }

    /// <summary>Appends raw bytes.</summary>
    public DataRegionWriter Write(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>The bytes written.</summary>
    public byte[] ToBytes() => [.. _bytes];

    /// <summary>The region <paramref name="regionId"/> holding the bytes written.</summary>
    public SdramRegionData ToRegion(int regionId) => new(regionId, ToBytes());
}
