using System.IO.Compression;
using SpiDnn.Data;

namespace SpiDnn.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spidnn-idx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A 2 x 3 file of unsigned bytes written byte by byte: the format spelled out, not produced by our code.
    private static readonly byte[] TwoByThreeBytes =
    [
        0x00, 0x00, 0x08, 0x02,
        0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x03,
        1, 2, 3, 250, 254, 255,
    ];

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }
        return buffer.ToArray();
    }

    [Fact]
    public void Read_PlainUnsignedByteFile_ReturnsTypeShapeAndValues()
    {
        var idx = IdxReader.Read(Write("a-idx2-ubyte", TwoByThreeBytes));

        Assert.Equal(IdxDataType.UnsignedByte, idx.DataType);
        Assert.Equal([2, 3], idx.Shape);
        Assert.Equal(2, idx.Rank);
        Assert.Equal(6, idx.Length);
        Assert.Equal([1, 2, 3, 250, 254, 255], idx.ToBytes());
        Assert.Equal([1f, 2f, 3f, 250f, 254f, 255f], idx.ToSingles());
    }

    [Fact]
    public void Read_GzipFile_IsDetectedFromContentAndGivesTheSameValues()
    {
        // No .gz in the name: detection must come from the gzip magic bytes.
        var idx = IdxReader.Read(Write("compressed", Gzip(TwoByThreeBytes)));

        Assert.Equal([2, 3], idx.Shape);
        Assert.Equal([1, 2, 3, 250, 254, 255], idx.ToBytes());
    }

    [Fact]
    public void Read_UnseekableStream_IsBufferedAndRead()
    {
        using var stream = new UnseekableStream(Gzip(TwoByThreeBytes));

        var idx = IdxReader.Read(stream);

        Assert.Equal([1, 2, 3, 250, 254, 255], idx.ToBytes());
    }

    [Fact]
    public void Read_BigEndianSignedTypes_DecodeToTheirValues()
    {
        byte[] int16 = [0, 0, 0x0B, 1, 0, 0, 0, 3, 0xFF, 0xFE, 0x01, 0x2C, 0x80, 0x00];
        byte[] int32 = [0, 0, 0x0C, 1, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x00, 0x00];
        byte[] sbyte1 = [0, 0, 0x09, 1, 0, 0, 0, 2, 0x80, 0x7F];

        Assert.Equal([-2f, 300f, -32768f], IdxReader.Read(Write("s", int16)).ToSingles());
        Assert.Equal([-1f, 65536f], IdxReader.Read(Write("i", int32)).ToSingles());
        Assert.Equal([-128f, 127f], IdxReader.Read(Write("b", sbyte1)).ToSingles());
    }

    [Fact]
    public void Read_BigEndianFloatTypes_DecodeToTheirValues()
    {
        // 1.5f = 0x3FC00000, -2.25f = 0xC0100000; 0.1 (double) = 0x3FB999999999999A.
        byte[] single = [0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3F, 0xC0, 0, 0, 0xC0, 0x10, 0, 0];
        byte[] dbl = [0, 0, 0x0E, 1, 0, 0, 0, 1, 0x3F, 0xB9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A];

        var singles = IdxReader.Read(Write("f", single));
        Assert.Equal(IdxDataType.Single, singles.DataType);
        Assert.Equal([1.5f, -2.25f], singles.ToSingles());
        Assert.Equal([0.1f], IdxReader.Read(Write("d", dbl)).ToSingles());
    }

    [Fact]
    public void ToBytes_OnAFloatFile_ThrowsNamingTheType()
    {
        byte[] single = [0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0xC0, 0, 0];

        var e = Assert.Throws<InvalidOperationException>(() => IdxReader.Read(Write("f", single)).ToBytes());
        Assert.Contains("Single", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadMagicNumber_ThrowsNamingFileAndMagic()
    {
        var bytes = (byte[])TwoByThreeBytes.Clone();
        bytes[0] = 0x01;
        bytes[1] = 0x02;
        var path = Write("bad-magic", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("magic number", e.Message, StringComparison.Ordinal);
        Assert.Contains("0x01020802", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownElementType_ThrowsNamingTheType()
    {
        var bytes = (byte[])TwoByThreeBytes.Clone();
        bytes[2] = 0x07;

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("bad-type", bytes)));
        Assert.Contains("unknown IDX element type 0x07", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedData_ThrowsWithExpectedAndFoundByteCounts()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("short", TwoByThreeBytes[..^2])));
        Assert.Contains("truncated IDX data", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 6 bytes, found 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedGzipData_ThrowsTruncatedOrCorrupt()
    {
        var gz = Gzip(TwoByThreeBytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("short.gz", gz[..^10])));
        Assert.Contains("short.gz", e.Message, StringComparison.Ordinal);
        Assert.Matches("truncated|corrupt gzip", e.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_ThrowsNamingTheMissingDimensions()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("short-header", TwoByThreeBytes[..10])));
        Assert.Contains("truncated IDX header: expected 2 dimension sizes (8 bytes), found 6 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileShorterThanMagic_ThrowsTruncated()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("tiny", [0, 0])));
        Assert.Contains("expected a 4-byte magic number, found 2 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BytesAfterTheData_ThrowsRatherThanIgnoringThem()
    {
        byte[] longer = [.. TwoByThreeBytes, 9];

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("long", longer)));
        Assert.Contains("bytes after the 6 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZeroDimension_Throws()
    {
        byte[] zero = [0, 0, 0x08, 1, 0, 0, 0, 0];

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("zero", zero)));
        Assert.Contains("dimension 0 of the IDX header has size 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipMagicFollowedByGarbage_ThrowsCorruptGzip()
    {
        byte[] garbage = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("garbage.gz", garbage)));
        Assert.Contains("garbage.gz", e.Message, StringComparison.Ordinal);
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
