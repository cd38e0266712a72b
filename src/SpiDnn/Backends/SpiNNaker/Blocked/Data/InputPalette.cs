namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// The first layer's input encoding: when the data holds at most 256 distinct values (MNIST
/// pixels are k / 255) each value is stored as a byte indexing a palette of the exact values,
/// a quarter of the SDRAM and of the host memory of 32-bit values and still exact; otherwise
/// values are stored as they are.
/// </summary>
internal sealed class InputPalette
{
    private readonly Dictionary<uint, byte>? _index;

    private InputPalette(float[]? values)
    {
        Values = values ?? [];
        if (values is not null)
        {
            _index = [];
            for (var i = 0; i < values.Length; i++)
            {
                _index[BitConverter.SingleToUInt32Bits(values[i])] = (byte)i;
            }
        }
    }

    /// <summary>The palette (empty when values are stored as they are).</summary>
    public float[] Values { get; }

    /// <summary>Bytes per stored value: 1 with a palette, else 4.</summary>
    public int BytesPerValue => _index is null ? 4 : 1;

    /// <summary>The palette of <paramref name="data"/>, or none when it has more than 256 distinct values.</summary>
    public static InputPalette For(ReadOnlySpan<float> data)
    {
        var distinct = new HashSet<uint>();
        foreach (var v in data)
        {
            if (distinct.Add(BitConverter.SingleToUInt32Bits(v)) && distinct.Count > 256)
            {
                return new InputPalette(null);
            }
        }

        var values = distinct.Select(BitConverter.UInt32BitsToSingle).Order().ToArray();
        return new InputPalette(values);
    }

    /// <summary>The palette index of <paramref name="value"/>.</summary>
    public byte IndexOf(float value) => _index![BitConverter.SingleToUInt32Bits(value)];
}
