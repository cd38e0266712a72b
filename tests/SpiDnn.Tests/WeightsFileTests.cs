using PureHDF;
using SpiDnn.Layers;
using SpiDnn.Serialization;

namespace SpiDnn.Tests;

public sealed class WeightsFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spidnn-weights-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Sequential ConvModel(int seed) => new Sequential(seed)
        .Add(new Input(8, 2))
        .Add(new Conv1D(3, 3, padding: Padding.Same, activation: Activation.Relu))
        .Add(new Flatten())
        .Add(new Dense(2, Activation.Softmax));

    [Fact]
    public void SaveThenLoad_IntoDifferentlySeededModel_RestoresEveryWeightAndPrediction()
    {
        var path = Path.Combine(_directory, "model.h5");
        var saved = ConvModel(seed: 1);
        var other = ConvModel(seed: 2);
        var x = Tensor.FromArray([.. Enumerable.Range(0, 32).Select(i => (float)Math.Sin(i))], 2, 8, 2);
        Assert.NotEqual(saved.GetWeights()[0].ToArray(), other.GetWeights()[0].ToArray());

        saved.SaveWeights(path);
        other.LoadWeights(path);

        var expected = saved.GetWeights();
        var actual = other.GetWeights();
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            Assert.Equal(expected[i].ToArray(), actual[i].ToArray());
        }
        Assert.Equal(saved.Predict(x).ToArray(), other.Predict(x).ToArray());
    }

    [Fact]
    public void Save_WritesKeras2Layout_LayerNamesWeightNamesAndDatasetPaths()
    {
        var path = Path.Combine(_directory, "layout.h5");
        var model = ConvModel(seed: 3);

        model.SaveWeights(path);

        using var file = H5File.OpenRead(path);
        Assert.Equal(["conv1d", "flatten", "dense"], file.Attribute("layer_names").Read<string[]>().Select(s => s.TrimEnd('\0')));
        Assert.Equal("tensorflow", file.Attribute("backend").Read<string>().TrimEnd('\0'));
        Assert.StartsWith("2.", file.Attribute("keras_version").Read<string>(), StringComparison.Ordinal);
        Assert.Equal(["conv1d/kernel:0", "conv1d/bias:0"],
            file.Group("conv1d").Attribute("weight_names").Read<string[]>().Select(s => s.TrimEnd('\0')));
        Assert.False(file.Group("flatten").AttributeExists("weight_names"));
        var kernel = file.Dataset("conv1d/conv1d/kernel:0");
        Assert.Equal([3UL, 2UL, 3UL], kernel.Space.Dimensions);
        Assert.Equal(model.GetWeights()[0].ToArray(), kernel.Read<float[]>());
        Assert.Equal([24UL, 2UL], file.Dataset("dense/dense/kernel:0").Space.Dimensions);
        Assert.Equal(model.GetWeights()[3].ToArray(), file.Dataset("dense/dense/bias:0").Read<float[]>());
    }

    [Fact]
    public void Load_FileWrittenLikeKeras2_ReadsKernelsInKerasLayout()
    {
        // Made by tools/make_keras_h5_fixture.py with h5py, following Keras 2's writer step by step.
        var model = ConvModel(seed: 4);

        model.LoadWeights(Path.Combine(AppContext.BaseDirectory, "Fixtures", "keras2_conv_flatten_dense.h5"));

        var weights = model.GetWeights();
        Assert.Equal(0.01f * ((1 * 2 + 1) * 3 + 2) - 0.05f, weights[0][1, 1, 2], 6);
        Assert.Equal(-0.2f, weights[1][2], 6);
        Assert.Equal(0.001f * (23 * 2 + 1) - 0.02f, weights[2][23, 1], 6);
        Assert.Equal([0.5f, -0.5f], weights[3].ToArray());
    }

    [Fact]
    public void Load_MismatchedArchitecture_NamesTheLayerAndBothShapes()
    {
        var path = Path.Combine(_directory, "mlp.h5");
        new Sequential().Add(new Input(4)).Add(new Dense(3)).Add(new Dense(2)).SaveWeights(path);
        var wider = new Sequential().Add(new Input(4)).Add(new Dense(5)).Add(new Dense(2));

        var error = Assert.Throws<InvalidDataException>(() => wider.LoadWeights(path));

        Assert.Contains("'dense'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DifferentNumberOfWeightedLayers_SaysHowManyEachHas()
    {
        var path = Path.Combine(_directory, "short.h5");
        new Sequential().Add(new Input(4)).Add(new Dense(2)).SaveWeights(path);
        var deeper = new Sequential().Add(new Input(4)).Add(new Dense(2)).Add(new Dense(2));
        var before = deeper.GetWeights();

        var error = Assert.Throws<InvalidDataException>(() => deeper.LoadWeights(path));

        Assert.Contains("1 layers", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 layers", error.Message, StringComparison.Ordinal);
        Assert.Equal(before[0].ToArray(), deeper.GetWeights()[0].ToArray());
    }

    [Fact]
    public void Load_RandomBytes_ThrowsCorruptFileError()
    {
        var path = Path.Combine(_directory, "garbage.h5");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 + 11))]);

        var error = Assert.Throws<InvalidDataException>(() => ConvModel(1).LoadWeights(path));

        Assert.Contains("garbage.h5", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsCorruptFileErrorAndKeepsWeights()
    {
        var path = Path.Combine(_directory, "truncated.h5");
        ConvModel(1).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var model = ConvModel(2);
        var before = model.GetWeights();

        Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.Equal(before[0].ToArray(), model.GetWeights()[0].ToArray());
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        var path = Path.Combine(_directory, "absent.h5");

        var error = Assert.Throws<FileNotFoundException>(() => ConvModel(1).LoadWeights(path));

        Assert.Contains("absent.h5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_FailingHalfway_LeavesExistingFileIntactAndNoTemporaryFile()
    {
        var path = Path.Combine(_directory, "keep.h5");
        ConvModel(1).SaveWeights(path);
        var original = File.ReadAllBytes(path);

        var error = Assert.Throws<IOException>(() =>
            KerasWeightsFile.Write(path, ConvModel(2), stream => new FailingStream(stream, failAfterBytes: 512)));

        Assert.Contains("keep.h5", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(["keep.h5"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_IntoMissingDirectory_ThrowsIOExceptionNamingThePath()
    {
        var path = Path.Combine(_directory, "no-such-dir", "model.h5");

        var error = Assert.Throws<IOException>(() => ConvModel(1).SaveWeights(path));

        Assert.Contains("no-such-dir", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that fails like a full disk after a number of bytes.</summary>
    private sealed class FailingStream(Stream inner, long failAfterBytes) : Stream
    {
        private long _written;

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written += buffer.Length;
            if (_written > failAfterBytes)
            {
                throw new IOException("No space left on device (simulated)");
            }
            inner.Write(buffer);
        }
    }
}
