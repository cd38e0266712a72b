using System.Text.Json;

namespace SpiDnn.Tests.Oracles;

/// <summary>
/// One golden fixture written by tools/make_fixtures.py: a JSON manifest plus a .bin file of
/// little-endian float32 tensors.
/// </summary>
internal sealed class Fixture
{
    private readonly Dictionary<string, Tensor> _tensors = [];

    private Fixture(JsonElement manifest) => Manifest = manifest;

    public JsonElement Manifest { get; }

    public static Fixture Load(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, name + ".json")));
        var fixture = new Fixture(json.RootElement.Clone());
        var bytes = File.ReadAllBytes(Path.Combine(directory, name + ".bin"));
        var floats = new float[bytes.Length / 4];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BitConverter.ToSingle(bytes, 4 * i);
        }
        foreach (var entry in fixture.Manifest.GetProperty("tensors").EnumerateArray())
        {
            var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var offset = entry.GetProperty("offset").GetInt32();
            var length = shape.Aggregate(1, (a, b) => a * b);
            fixture._tensors[entry.GetProperty("name").GetString()!] = Tensor.FromArray(floats.AsSpan(offset, length).ToArray(), shape);
        }
        return fixture;
    }

    public Tensor this[string name] => _tensors[name];

    /// <summary>The tensors named prefix0.kernel, prefix0.bias, prefix1.kernel, ... in Keras order.</summary>
    public IReadOnlyList<Tensor> Weights(string prefix)
    {
        var result = new List<Tensor>();
        for (var i = 0; _tensors.ContainsKey($"{prefix}{i}.kernel"); i++)
        {
            result.Add(_tensors[$"{prefix}{i}.kernel"]);
            result.Add(_tensors[$"{prefix}{i}.bias"]);
        }
        return result;
    }

    public static float MaxAbsDifference(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var max = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(expected.ReadOnlySpan[i] - actual.ReadOnlySpan[i]));
        }
        return max;
    }
}
