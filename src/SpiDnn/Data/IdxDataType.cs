namespace SpiDnn.Data;

/// <summary>
/// The element type of an IDX file: the third byte of its magic number. The values are the
/// type codes of the IDX format (the format of the original MNIST files, big-endian).
/// </summary>
public enum IdxDataType : byte
{
    /// <summary>Unsigned 8-bit integer (code 0x08); MNIST images and labels.</summary>
    UnsignedByte = 0x08,

    /// <summary>Signed 8-bit integer (code 0x09).</summary>
    SignedByte = 0x09,

    /// <summary>Signed 16-bit integer, big-endian (code 0x0B).</summary>
    Int16 = 0x0B,

    /// <summary>Signed 32-bit integer, big-endian (code 0x0C).</summary>
    Int32 = 0x0C,

    /// <summary>IEEE 754 32-bit float, big-endian (code 0x0D).</summary>
    Single = 0x0D,

    /// <summary>IEEE 754 64-bit float, big-endian (code 0x0E).</summary>
    Double = 0x0E,
}
