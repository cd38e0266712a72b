namespace SpiNNaker.Simulator;

/// <summary>
/// A host callback scheduled at a simulated time with <see cref="Simulation.ScheduleHostAction"/>.
/// It runs between events, before every event of its time, and may do anything a host callback
/// may (send, inject, write SDRAM, schedule further actions, <see cref="Simulation.Stop"/>).
/// </summary>
public sealed class HostAction
{
    internal HostAction(long time, long sequence, Action action)
    {
        Time = time;
        Sequence = sequence;
        Callback = action;
    }

    /// <summary>The simulated time it runs at, in picoseconds.</summary>
    public long Time { get; }

    /// <summary>Whether it is still to run (not run yet and not cancelled).</summary>
    public bool IsPending { get; internal set; } = true;

    internal long Sequence { get; }

    internal Action Callback { get; }

    internal Simulation? Owner { get; set; }

    /// <summary>Cancels it if it has not run yet; nothing happens otherwise.</summary>
    public void Cancel()
    {
        if (IsPending)
        {
            IsPending = false;
            Owner?.ForgetHostAction();
        }
    }
}
