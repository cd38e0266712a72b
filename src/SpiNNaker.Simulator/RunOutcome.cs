namespace SpiNNaker.Simulator;

/// <summary>Why a run returned.</summary>
public enum RunOutcome
{
    /// <summary>The requested simulated time passed.</summary>
    TimeElapsed,

    /// <summary>Every loaded core called <see cref="ICoreContext.Done"/>.</summary>
    AllCoresDone,

    /// <summary>The host called <see cref="Simulation.Stop"/>.</summary>
    StoppedByHost,

    /// <summary>Nothing was left to happen (no pending event) before the other conditions were met.</summary>
    Idle,
}
