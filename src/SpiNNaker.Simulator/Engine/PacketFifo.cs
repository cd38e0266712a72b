namespace SpiNNaker.Simulator;

/// <summary>A growable ring buffer of packets waiting in a router, each with the source that must hear when it leaves.</summary>
internal sealed class PacketFifo
{
    /// <summary>No source to tell (a packet from a link or sent freely).</summary>
    public const int NoSource = -1;

    /// <summary>The reinjector of this router.</summary>
    public const int ReinjectorSource = -2;

    private Packet[] _packets = new Packet[16];
    private int[] _sources = new int[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public ref Packet PeekPacket() => ref _packets[_head];

    public int PeekSource() => _sources[_head];

    public void Enqueue(in Packet packet, int source)
    {
        if (_count == _packets.Length)
        {
            Grow();
        }

        var i = (_head + _count) & (_packets.Length - 1);
        _packets[i] = packet;
        _sources[i] = source;
        _count++;
    }

    public void Dequeue()
    {
        _head = (_head + 1) & (_packets.Length - 1);
        _count--;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }

    private void Grow()
    {
        var packets = new Packet[_packets.Length * 2];
        var sources = new int[_packets.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            var j = (_head + i) & (_packets.Length - 1);
            packets[i] = _packets[j];
            sources[i] = _sources[j];
        }

        _packets = packets;
        _sources = sources;
        _head = 0;
    }
}
