using System.Buffers.Binary;

namespace SpiDnn.Data;

/// <summary>
/// The contents of one IDX file: an element type, a shape and the elements in row-major
/// order. The elements are kept as the file stored them (big-endian) and converted on request,
/// so reading never loses precision.
/// </summary>
public sealed class IdxArray
{
    private readonly byte[] _payload;
    private readonly int[] _shape;

    internal IdxArray(IdxDataType dataType, int[] shape, byte[] payload)
    {
        DataType = dataType;
        _shape = shape;
        _payload = payload;
        Length = payload.Length / ElementSize(dataType);
    }

    /// <summary>The element type named by the file's magic number.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The size of each dimension, outermost first (a copy).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public int Length { get; }

    /// <summary>The elements of an <see cref="IdxDataType.UnsignedByte"/> file (a copy).</summary>
    /// <exception cref="InvalidOperationException">The file holds another element type.</exception>
    public byte[] ToBytes()
    {
        if (DataType != IdxDataType.UnsignedByte)
        {
            throw new InvalidOperationException(
                $"ToBytes needs an IDX file of unsigned bytes. Received: an IDX file of {DataType}");
        }
        return (byte[])_payload.Clone();
    }

    /// <summary>
    /// Every element converted to float32. Bytes and 16-bit integers convert exactly; 32-bit
    /// integers beyond 2^24 and doubles round to the nearest float.
    /// </summary>
    public float[] ToSingles()
    {
        var values = new float[Length];
        var bytes = _payload.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DataType switch
            {
                IdxDataType.UnsignedByte => bytes[i],
                IdxDataType.SignedByte => (sbyte)bytes[i],
                IdxDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes[(2 * i)..]),
                IdxDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes[(4 * i)..]),
                IdxDataType.Single => BinaryPrimitives.ReadSingleBigEndian(bytes[(4 * i)..]),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(bytes[(8 * i)..]),
            };
        }
        return values;
    }

    /// <summary>The size in bytes of one element of the given type.</summary>
    internal static int ElementSize(IdxDataType dataType) => dataType switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), $"not an IDX element type. Received: 0x{(byte)dataType:X2}"),
    };
}
