using SpiDnn.Backends.SpiNNaker.Blocked.Planning;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>Where a core is in its replica's <see cref="RunSequence"/>: the current phase and its examples started and completed.</summary>
internal struct PhaseCursor(RunSequence sequence)
{
    public readonly RunSequence Sequence = sequence;

    /// <summary>The current phase.</summary>
    public int Phase;

    /// <summary>Examples of the current phase completed on this core.</summary>
    public int Done;

    /// <summary>Examples of the current phase started (first-layer cores).</summary>
    public int Started;

    public readonly bool Finished => Phase >= Sequence.PhaseCount;

    public readonly bool IsTraining => Sequence.IsTraining(Phase);

    public readonly int Share => Sequence.Share(Phase);

    public readonly bool Complete => Done >= Share;

    public void Next()
    {
        Phase++;
        Done = 0;
        Started = 0;
    }
}
