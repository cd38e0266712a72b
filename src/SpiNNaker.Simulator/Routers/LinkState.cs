namespace SpiNNaker.Simulator;

/// <summary>
/// One outgoing link of a router, kept together (32 bytes) so that checking and using a
/// link touches one cache line.
/// </summary>
internal struct LinkState
{
    /// <summary>Router index at the far end; -1 when the link does not work.</summary>
    public int Neighbour;

    /// <summary>Free packet slots in the link (output FIFO, wire, far input FIFO).</summary>
    public int Credits;

    /// <summary>When the link finishes serialising the packets it has been given.</summary>
    public long FreeAt;

    public long Packets;
    public long Busy;
}
