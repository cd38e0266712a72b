using System.IO.Compression;
using SpiDnn.Data;

namespace SpiDnn.Cli.Tests;

/// <summary>
/// A temporary directory laid out like the original MNIST download (gzip IDX files under
/// their usual names), filled with the first embedded examples.
/// </summary>
internal sealed class MnistDirectory : IDisposable
{
    public MnistDirectory(int trainCount, int testCount)
    {
        Path = Directory.CreateTempSubdirectory("spidnn-cli-mnist-").FullName;
        var (train, test) = Mnist.LoadEmbedded();
        WriteSet("train", train.Take(trainCount));
        WriteSet("t10k", test.Take(testCount));
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>Writes the images of <paramref name="data"/> as an IDX file of grey levels (gzip when the name ends in .gz).</summary>
    public static void WriteImages(string path, Dataset data)
    {
        var header = new byte[] { 0, 0, 8, 3 }.Concat(BigEndian(data.Count)).Concat(BigEndian(28)).Concat(BigEndian(28));
        var pixels = data.X.ToArray().Select(p => (byte)MathF.Round(p * 255f));
        Write(path, [.. header, .. pixels]);
    }

    private void WriteSet(string prefix, Dataset data)
    {
        WriteImages(System.IO.Path.Combine(Path, $"{prefix}-images-idx3-ubyte.gz"), data);
        var labels = new byte[] { 0, 0, 8, 1 }.Concat(BigEndian(data.Count)).Concat(data.Classes().Select(c => (byte)c));
        Write(System.IO.Path.Combine(Path, $"{prefix}-labels-idx1-ubyte.gz"), [.. labels]);
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static void Write(string path, byte[] content)
    {
        using var file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(content);
        }
        else
        {
            file.Write(content);
        }
    }
}
