namespace SpiNNaker.Toolchain.Running;

/// <summary>Why a run returned.</summary>
public enum RunEnd
{
    /// <summary>The requested simulated time passed.</summary>
    TimeElapsed,

    /// <summary>Every core that is not a service core (live I/O) called Done.</summary>
    AllCoresDone,

    /// <summary>The host stopped the run (a live callback called Stop).</summary>
    StoppedByHost,

    /// <summary>The host's condition held.</summary>
    HostConditionMet,

    /// <summary>Nothing was left to happen before the other conditions were met (a deadlock, not a hang).</summary>
    Idle,
}
