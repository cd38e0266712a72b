namespace SpiNNaker.Simulator;

/// <summary>
/// A multicast packet inside the simulator: key, payload and the routing state the control
/// byte and the router's input port carry on the real chip.
/// </summary>
internal struct Packet
{
    public const byte HasPayloadFlag = 1;
    public const byte EmergencyFlag = 2;
    public const int BlockedLinkShift = 4;
    public const int NoPort = 7;
    public const byte LocalPorts = (NoPort << 4) | NoPort;

    public uint Key;
    public uint Payload;

    /// <summary>Bit 0: has payload; bit 1: on the first leg of an emergency route; bits 4-6: the blocked link it goes around.</summary>
    public byte Flags;

    /// <summary>Low nibble: the link it physically arrived on (7: none); high nibble: the link default routing treats it as arriving on (7: local).</summary>
    public byte Ports;

    public readonly bool HasPayload => (Flags & HasPayloadFlag) != 0;

    public readonly bool IsEmergency => (Flags & EmergencyFlag) != 0;

    public readonly int BlockedLink => (Flags >> BlockedLinkShift) & 7;

    public readonly int PhysicalPort => Ports & 0xF;

    public readonly int LogicalPort => Ports >> 4;

    public static byte MakePorts(int physical, int logical) => (byte)((logical << 4) | physical);
}
