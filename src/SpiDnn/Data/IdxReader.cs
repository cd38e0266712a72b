using System.Buffers.Binary;
using System.IO.Compression;

namespace SpiDnn.Data;

/// <summary>
/// Reads IDX files, the format of the original MNIST files (for example
/// <c>train-images-idx3-ubyte</c>), plain or gzip-compressed (<c>.gz</c>; detected from the
/// content, not the name).
/// </summary>
/// <remarks>
/// Layout (all integers big-endian): a 4-byte magic number <c>0x00 0x00 type rank</c>, then
/// <c>rank</c> 32-bit dimension sizes, then the elements in row-major order. A file that
/// breaks the layout (a bad magic number, an unknown type, a zero dimension, too few or too
/// many bytes) is rejected with an <see cref="InvalidDataException"/> that names the file and
/// the problem.
/// </remarks>
public static class IdxReader
{
    private const byte GzipFirstByte = 0x1F;
    private const byte GzipSecondByte = 0x8B;

    /// <summary>Reads the IDX file at <paramref name="path"/> (plain or gzip).</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>
    /// Reads an IDX file from <paramref name="stream"/> (plain or gzip); <paramref name="source"/>
    /// names it in error messages.
    /// </summary>
    /// <exception cref="InvalidDataException">The content is not a well-formed IDX file.</exception>
    public static IdxArray Read(Stream stream, string source = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            // Gzip detection peeks at two bytes; an unseekable stream is buffered first.
            var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            stream = buffered;
        }
        var start = stream.Position;
        var first = stream.ReadByte();
        var second = stream.ReadByte();
        stream.Position = start;
        if (first == GzipFirstByte && second == GzipSecondByte)
        {
            try
            {
                using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
                return ReadPlain(gzip, source + " (gzip)");
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{source}: corrupt gzip data: {e.Message}", e);
            }
        }
        return ReadPlain(stream, source);
    }

    private static IdxArray ReadPlain(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = ReadUpTo(stream, magic);
        if (got < 4)
        {
            throw new InvalidDataException($"{source}: truncated IDX file: expected a 4-byte magic number, found {got} bytes");
        }
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataException(
                $"{source}: not an IDX file: the magic number must start with two zero bytes. Received: 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}");
        }
        var dataType = (IdxDataType)magic[2];
        if (!Enum.IsDefined(dataType))
        {
            throw new InvalidDataException(
                $"{source}: unknown IDX element type 0x{magic[2]:X2} (known: 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)");
        }
        int rank = magic[3];
        if (rank == 0)
        {
            throw new InvalidDataException($"{source}: the IDX header declares 0 dimensions");
        }

        var header = new byte[4 * rank];
        got = ReadUpTo(stream, header);
        if (got < header.Length)
        {
            throw new InvalidDataException(
                $"{source}: truncated IDX header: expected {rank} dimension sizes ({header.Length} bytes), found {got} bytes");
        }
        var shape = new int[rank];
        long length = 1;
        for (var d = 0; d < rank; d++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * d));
            if (size == 0 || size > int.MaxValue)
            {
                throw new InvalidDataException($"{source}: dimension {d} of the IDX header has size {size}; expected 1..{int.MaxValue}");
            }
            shape[d] = (int)size;
            length *= size;
            if (length * IdxArray.ElementSize(dataType) > Array.MaxLength)
            {
                throw new InvalidDataException(
                    $"{source}: the IDX shape [{string.Join(", ", shape[..(d + 1)])}...] holds more than the {Array.MaxLength} bytes one array can hold");
            }
        }

        var payload = new byte[length * IdxArray.ElementSize(dataType)];
        got = ReadUpTo(stream, payload);
        if (got < payload.Length)
        {
            throw new InvalidDataException(
                $"{source}: truncated IDX data: the shape [{string.Join(", ", shape)}] of {dataType} needs {payload.Length} bytes, found {got}");
        }
        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException(
                $"{source}: the IDX file has bytes after the {payload.Length} bytes that its shape [{string.Join(", ", shape)}] of {dataType} declares");
        }
        return new IdxArray(dataType, shape, payload);
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }
}
