namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// The first layer's input encoding: when the data holds at most 256 distinct values (MNIST
/// pixels are k / 255) each value is stored as a byte indexing a palette of the exact values,
/// a quarter of the SDRAM and of the host memory of 32-bit values and still exact; otherwise
/// values are stored as they are.
/// </summary>
internal sealed class InputPalette
{
    private InputPalette(float[]? values, byte[]? indices)
    {
        Values = values ?? [];
        Indices = indices;
    }

    /// <summary>The palette (empty when values are stored as they are).</summary>
    public float[] Values { get; }

    /// <summary>The palette index of every value of the data (null without a palette).</summary>
    public byte[]? Indices { get; }

    /// <summary>Bytes per stored value: 1 with a palette, else 4.</summary>
    public int BytesPerValue => Indices is null ? 4 : 1;

    /// <summary>The palette of <paramref name="data"/>, or none when it has more than 256 distinct values.</summary>
    public static InputPalette For(ReadOnlySpan<float> data)
    {
        var distinct = new HashSet<uint>();
        foreach (var v in data)
        {
            if (distinct.Add(BitConverter.SingleToUInt32Bits(v)) && distinct.Count > 256)
            {
                return new InputPalette(null, null);
            }
        }

        var values = distinct.Select(BitConverter.UInt32BitsToSingle).Order().ToArray();
        var index = new Dictionary<uint, byte>();
        for (var i = 0; i < values.Length; i++)
        {
            index[BitConverter.SingleToUInt32Bits(values[i])] = (byte)i;
        }

        // One lookup per value of the data, once: every core's rows are then byte copies.
        var indices = new byte[data.Length];
        var lastBits = BitConverter.SingleToUInt32Bits(values[0]);
        var lastIndex = index[lastBits];
        for (var i = 0; i < data.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(data[i]);
            if (bits != lastBits)
            {
                lastBits = bits;
                lastIndex = index[bits];
            }

            indices[i] = lastIndex;
        }

        return new InputPalette(values, indices);
    }
}
