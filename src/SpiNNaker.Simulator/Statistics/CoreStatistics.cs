using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>What one loaded core did.</summary>
public sealed record CoreStatistics
{
    /// <summary>The core.</summary>
    public required CoreLocation Core { get; init; }

    /// <summary>Multicast packets it took from its communications controller.</summary>
    public required long Received { get; init; }

    /// <summary>Multicast packets it sent.</summary>
    public required long Sent { get; init; }

    /// <summary>Sends refused because the hardware slot and software queue were full.</summary>
    public required long SendFailures { get; init; }

    /// <summary>Cycles it spent in interrupts and callbacks.</summary>
    public required long BusyCycles { get; init; }

    /// <summary>Callbacks that ran.</summary>
    public required long CallbacksRun { get; init; }

    /// <summary>Queued callbacks lost because their priority's queue was full.</summary>
    public required long LostCallbacks { get; init; }

    /// <summary>Timer ticks that came while the previous tick's interrupt was still pending (merged, lost).</summary>
    public required long MissedTimerTicks { get; init; }

    /// <summary>Whether it is done: it called Done, that callback has ended and its send queue is empty.</summary>
    public required bool IsDone { get; init; }
}
