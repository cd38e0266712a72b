using System.Runtime.InteropServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// One scheduled event: 32 bytes, no references, so the queue holds plain structs and the
/// run allocates nothing per event. Ordered by (<see cref="Time"/>, <see cref="Sequence"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Event
{
    public long Time;
    public long Sequence;
    public int Target;
    public EventKind Kind;
    public byte Flags;
    public byte Ports;
    public byte Padding;
    public uint Key;
    public uint Payload;
}
