using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// An SDP message between the host and a core (on a real machine: SDP over UDP through the
/// board's Ethernet chip).
/// </summary>
public sealed class SdpMessage
{
    /// <summary>The most data bytes one message carries (256 data bytes plus the 16-byte SCP header).</summary>
    public const int MaxDataBytes = 272;

    internal SdpMessage(CoreLocation core, int port, byte[] data, long sentAt)
    {
        Core = core;
        Port = port;
        Data = data;
        SentAt = sentAt;
    }

    /// <summary>The core that sent it (to the host) or that receives it (from the host).</summary>
    public CoreLocation Core { get; }

    /// <summary>The SDP port (0-7), chosen by the application.</summary>
    public int Port { get; }

    /// <summary>The message's bytes.</summary>
    public IReadOnlyList<byte> Data { get; }

    /// <summary>When it was sent, in simulated picoseconds.</summary>
    public long SentAt { get; }

    /// <summary>When it arrived, in simulated picoseconds.</summary>
    public long ArrivedAt { get; internal set; }

    internal byte[] Bytes => (byte[])Data;

    internal static void Check(int port, int length)
    {
        if (port is < 0 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "an SDP port is 0 to 7");
        }

        if (length > MaxDataBytes)
        {
            throw new ArgumentException($"an SDP message carries at most {MaxDataBytes} bytes; received {length}", "data");
        }
    }
}
