namespace SpiNNaker.Simulator;

/// <summary>Why a run returned.</summary>
public enum RunOutcome
{
    /// <summary>The requested simulated time passed.</summary>
    TimeElapsed,

    /// <summary>Every loaded core (or every core the run waited for) called <see cref="ICoreContext.Done"/>.</summary>
    AllCoresDone,

    /// <summary>The host called <see cref="Simulation.Stop"/>.</summary>
    StoppedByHost,

    /// <summary>Nothing was left to happen (no pending event) before the other conditions were met.</summary>
    Idle,

    /// <summary>The host's condition held (<see cref="Simulation.RunUntil"/>).</summary>
    ConditionMet,
}
