using SpiNNaker.Simulator;

namespace SpiNNaker.Toolchain.Running;

/// <summary>How a run ended and the simulated time it covered.</summary>
/// <param name="End">Why it returned.</param>
/// <param name="StartPicoseconds">Simulated time at its start.</param>
/// <param name="EndPicoseconds">Simulated time at its end.</param>
public readonly record struct RunResult(RunEnd End, long StartPicoseconds, long EndPicoseconds)
{
    /// <summary>The simulated seconds the run covered.</summary>
    public double SimulatedSeconds => SimulatedTime.ToSeconds(EndPicoseconds - StartPicoseconds);
}
