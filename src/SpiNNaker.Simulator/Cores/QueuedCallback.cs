namespace SpiNNaker.Simulator;

/// <summary>A callback waiting in a priority queue: which one and its two arguments.</summary>
internal struct QueuedCallback
{
    public CallbackEvent Event;
    public uint A;
    public uint B;
}
