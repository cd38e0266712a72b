using SpiNNaker.Machine;

namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// A SpiNNaker run could not finish: it made no progress within its stall bound (a packet was
/// lost, typically dropped by a router, and some core waits for it forever), a core failed,
/// or the cores' results disagree. The message names the dropped packets by router and the
/// cores still waiting and for what, e.g. "core (3, 4, 7) [layer 'dense_3' neuron 17,
/// backward] has 288 of 300 errors for example 5".
/// </summary>
public sealed class SpiNNakerRunException : Exception
{
    /// <summary>Creates the exception with its diagnosis.</summary>
    public SpiNNakerRunException(string message, long droppedPackets, long lostPackets, IReadOnlyList<(ChipCoordinate Chip, long Dropped)> droppingRouters,
        IReadOnlyList<string> waitingCores, double simulatedSeconds, Exception? innerException = null)
        : base(message, innerException)
    {
        DroppedPackets = droppedPackets;
        LostPackets = lostPackets;
        DroppingRouters = droppingRouters;
        WaitingCores = waitingCores;
        SimulatedSeconds = simulatedSeconds;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SpiNNakerRunException()
        : this("the SpiNNaker run failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SpiNNakerRunException(string message)
        : this(message, 0, 0, [], [], 0)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SpiNNakerRunException(string message, Exception innerException)
        : this(message, 0, 0, [], [], 0, innerException)
    {
    }

    /// <summary>Packets routers dropped.</summary>
    public long DroppedPackets { get; }

    /// <summary>Packets lost for good (dropped without reinjection, or lost by the reinjector, or sent with no route).</summary>
    public long LostPackets { get; }

    /// <summary>The routers that dropped packets and how many each.</summary>
    public IReadOnlyList<(ChipCoordinate Chip, long Dropped)> DroppingRouters { get; }

    /// <summary>The cores still waiting, one line each ("core (x, y, p) [layer ... neuron ..., stage] has r of n ... for example e").</summary>
    public IReadOnlyList<string> WaitingCores { get; }

    /// <summary>Simulated seconds when the run was given up.</summary>
    public double SimulatedSeconds { get; }
}
