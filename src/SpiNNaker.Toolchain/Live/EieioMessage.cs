using System.Buffers.Binary;

namespace SpiNNaker.Toolchain.Live;

/// <summary>
/// The EIEIO-like framing of live events in an SDP message: a 16-bit little-endian header
/// (bits 0-7: event count; bits 10-11: type, 2 = 32-bit keys, 3 = 32-bit keys with 32-bit
/// payloads; bits 14-15: 00 for data), then per event its key and, for type 3, its payload,
/// each a little-endian 32-bit word. At most <see cref="MaxEvents"/> events per message (as
/// a live injection packet on a real board). Pure span code with no allocation, so the core
/// applications and the host share it.
/// </summary>
public static class EieioMessage
{
    /// <summary>The most events one message carries: 31 (2 + 31 x 8 = 250 bytes).</summary>
    public const int MaxEvents = 31;

    /// <summary>Header bytes.</summary>
    public const int HeaderBytes = 2;

    /// <summary>The largest message: a header and 31 keys with payloads.</summary>
    public const int MaxBytes = HeaderBytes + (MaxEvents * 8);

    private const int TypeKeys = 2;
    private const int TypeKeysWithPayloads = 3;

    /// <summary>Bytes of a message of <paramref name="count"/> events.</summary>
    public static int Length(int count, bool withPayloads) => HeaderBytes + (count * (withPayloads ? 8 : 4));

    /// <summary>Writes the header of a message of <paramref name="count"/> events.</summary>
    public static void WriteHeader(Span<byte> message, int count, bool withPayloads)
    {
        if ((uint)count > MaxEvents)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"an EIEIO message carries at most {MaxEvents} events");
        }

        BinaryPrimitives.WriteUInt16LittleEndian(message, (ushort)(count | ((withPayloads ? TypeKeysWithPayloads : TypeKeys) << 10)));
    }

    /// <summary>Writes event <paramref name="index"/> of a message.</summary>
    public static void WriteEvent(Span<byte> message, int index, bool withPayloads, uint key, uint payload)
    {
        var at = HeaderBytes + (index * (withPayloads ? 8 : 4));
        BinaryPrimitives.WriteUInt32LittleEndian(message[at..], key);
        if (withPayloads)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(message[(at + 4)..], payload);
        }
    }

    /// <summary>
    /// Reads a message's header: its event count and whether events carry payloads; false
    /// when it is not a well-formed data message (a command, an unknown type, or a length that
    /// does not match the count).
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> message, out int count, out bool withPayloads)
    {
        count = 0;
        withPayloads = false;
        if (message.Length < HeaderBytes)
        {
            return false;
        }

        var header = BinaryPrimitives.ReadUInt16LittleEndian(message);
        var type = (header >> 10) & 3;
        if ((header >> 14) != 0 || (type != TypeKeys && type != TypeKeysWithPayloads) || (header & 0x0300) != 0 || (header & 0x3000) != 0)
        {
            return false;
        }

        count = header & 0xFF;
        withPayloads = type == TypeKeysWithPayloads;
        return count <= MaxEvents && message.Length == Length(count, withPayloads);
    }

    /// <summary>Reads event <paramref name="index"/> of a message whose header was read.</summary>
    public static (uint Key, uint Payload) ReadEvent(ReadOnlySpan<byte> message, int index, bool withPayloads)
    {
        var at = HeaderBytes + (index * (withPayloads ? 8 : 4));
        var key = BinaryPrimitives.ReadUInt32LittleEndian(message[at..]);
        return (key, withPayloads ? BinaryPrimitives.ReadUInt32LittleEndian(message[(at + 4)..]) : 0u);
    }
}
