using System.Runtime.InteropServices;

namespace SpiNNaker.Simulator;

/// <summary>
/// One scheduled event: 32 bytes, no references, so the queue holds plain structs and the
/// run allocates nothing per event. Events are ordered by time and then by the order in which
/// they were scheduled; the queue keeps that order by position, so an event carries no
/// sequence number of its own (see <see cref="EventQueue"/>). <see cref="Next"/> links it into
/// its calendar bucket, in the same cache line as its data.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Event
{
    public long Time;
    public int Target;
    public EventKind Kind;
    public byte Flags;
    public byte Ports;
    public byte Padding;
    public uint Key;
    public uint Payload;
    public int Next;

    /// <summary>A packet's key id in <see cref="KeyRoutes"/> (-1: not known yet), so that later hops need not hash the key.</summary>
    public int KeyId;
}
