using System.Buffers.Binary;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The SDP message the host sends an input core: the example index, the offset of the first
/// value in the core's slice, then up to <see cref="MaxValues"/> floats (little-endian).
/// A slice longer than that takes several messages.
/// </summary>
internal static class InjectionMessage
{
    /// <summary>The SDP port input cores listen on.</summary>
    public const int Port = 1;

    /// <summary>Header bytes: example index and value offset.</summary>
    public const int HeaderBytes = 8;

    /// <summary>Floats in one message: (272 - 8) / 4 = 66.</summary>
    public const int MaxValues = (global::SpiNNaker.Simulator.SdpMessage.MaxDataBytes - HeaderBytes) / sizeof(float);

    /// <summary>Writes one message into <paramref name="destination"/>; returns its length in bytes.</summary>
    public static int Write(Span<byte> destination, int example, int offset, ReadOnlySpan<float> values)
    {
        if (values.Length > MaxValues)
        {
            throw new ArgumentException($"an injection message carries at most {MaxValues} values; received {values.Length}", nameof(values));
        }
        BinaryPrimitives.WriteInt32LittleEndian(destination, example);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], offset);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(HeaderBytes + (i * sizeof(float)))..], values[i]);
        }
        return HeaderBytes + (values.Length * sizeof(float));
    }
}
