using SpiNNaker.Toolchain.Data;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>A region's words as the host writes them and a core reads them back.</summary>
public class DataRegionTests
{
    [Fact]
    public void Writer_LaysOutLittleEndianWords_AndTheReaderReadsThemBackInOrder()
    {
        var bytes = new DataRegionWriter()
            .Write(0xA1B2C3D4u).Write(-2).Write(1.5f).Write(true).Write(false)
            .Write(0x0123_4567_89AB_CDEFL).Write(-3L).WriteArray([7, -8])
            .ToBytes();

        // 1.5f is 0x3FC00000; -2 is 0xFFFFFFFE; a long is its low word, then its high word.
        Assert.Equal(
            Convert.FromHexString("D4C3B2A1" + "FEFFFFFF" + "0000C03F" + "01000000" + "00000000" + "EFCDAB89" + "67452301" + "FDFFFFFF" + "FFFFFFFF" + "02000000" + "07000000" + "F8FFFFFF"),
            bytes);
        var reader = new DataRegionReader(bytes);
        Assert.Equal(0xA1B2C3D4u, reader.UInt());
        Assert.Equal(-2, reader.Int());
        Assert.Equal(1.5f, reader.Float());
        Assert.True(reader.Bool());
        Assert.False(reader.Bool());
        Assert.Equal(0x0123_4567_89AB_CDEFL, reader.Long());
        Assert.Equal(-3L, reader.Long());
        Assert.Equal(2, reader.Int());
        Assert.Equal(7, reader.Int());
        Assert.Equal(-8, reader.Int());
        Assert.Equal(12, reader.WordsRead);
    }

    [Fact]
    public void Reader_PastTheEndOfTheRegion_SaysHowLongTheRegionIs()
    {
        var bytes = new DataRegionWriter().Write(1u).Write(2u).ToBytes();

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new DataRegionReader(bytes);
            reader.UInt();
            reader.UInt();
            reader.UInt();
        });

        Assert.Equal("the region ends after 2 words; word 3 was expected", error.Message);
    }
}
