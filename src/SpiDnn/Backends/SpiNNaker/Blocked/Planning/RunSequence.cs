using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// The phases one replica goes through, as pure arithmetic that every core evaluates from
/// its data (no allocation): in a training run, each epoch is its batches (training phases,
/// the last possibly partial) followed by one inference phase over the validation data when
/// there is some; a predict run is a single inference phase. Replica <see cref="Replica"/>
/// of <see cref="Replicas"/> takes the contiguous share <c>[count r / R, count (r + 1) / R)</c>
/// of every phase. Phases never overlap on a core: a first-layer core starts a phase's first
/// example only after the previous phase finished everywhere (section 6 of the design).
/// </summary>
/// <param name="Training">Whether the run trains (otherwise it only predicts).</param>
/// <param name="Epochs">Epochs of a training run (1 for a predict run).</param>
/// <param name="TrainCount">Training examples per epoch (0 for a predict run).</param>
/// <param name="BatchSize">Examples per batch.</param>
/// <param name="InferenceCount">Validation examples per epoch (training run) or examples to predict.</param>
/// <param name="Replicas">Replicas of the model.</param>
/// <param name="Replica">This replica's index.</param>
internal readonly record struct RunSequence(bool Training, int Epochs, int TrainCount, int BatchSize, int InferenceCount, int Replicas, int Replica)
{
    /// <summary>Training phases per epoch.</summary>
    public int BatchesPerEpoch => Training ? (TrainCount + BatchSize - 1) / BatchSize : 0;

    /// <summary>Phases per epoch: the batches plus one inference phase when there is inference data.</summary>
    public int PhasesPerEpoch => BatchesPerEpoch + (InferenceCount > 0 ? 1 : 0);

    /// <summary>Phases of the whole run.</summary>
    public int PhaseCount => Epochs * PhasesPerEpoch;

    /// <summary>The epoch (0-based) of <paramref name="phase"/>.</summary>
    public int EpochOf(int phase) => phase / PhasesPerEpoch;

    /// <summary>The position of <paramref name="phase"/> in its epoch (the batch index, or <see cref="BatchesPerEpoch"/> for the inference phase).</summary>
    public int PhaseInEpoch(int phase) => phase % PhasesPerEpoch;

    /// <summary>Whether <paramref name="phase"/> is a training batch (otherwise inference: no backward pass, no update).</summary>
    public bool IsTraining(int phase) => PhaseInEpoch(phase) < BatchesPerEpoch;

    /// <summary>The examples of <paramref name="phase"/> over all replicas (the batch size, smaller for the last batch).</summary>
    public int PhaseExamples(int phase)
    {
        var inEpoch = PhaseInEpoch(phase);
        return inEpoch < BatchesPerEpoch ? Math.Min(BatchSize, TrainCount - (inEpoch * BatchSize)) : InferenceCount;
    }

    /// <summary>The first example of this replica's share within <paramref name="phase"/>.</summary>
    public int ShareStart(int phase) => (int)((long)PhaseExamples(phase) * Replica / Replicas);

    /// <summary>The examples of this replica in <paramref name="phase"/> (may be 0 when a batch has fewer examples than replicas).</summary>
    public int Share(int phase)
    {
        var count = (long)PhaseExamples(phase);
        return (int)((count * (Replica + 1) / Replicas) - (count * Replica / Replicas));
    }

    /// <summary>The examples this replica processes in the whole run.</summary>
    public long TotalExamples
    {
        get
        {
            long total = 0;
            for (var phase = 0; phase < PhaseCount; phase++)
            {
                total += Share(phase);
            }

            return total;
        }
    }

    /// <summary>The words of the sequence in a core's parameters.</summary>
    public void Write(DataRegionWriter writer) =>
        writer.Write(Training ? 1u : 0u).Write(Epochs).Write(TrainCount).Write(BatchSize).Write(InferenceCount).Write(Replicas).Write(Replica);

    /// <summary>Reads the words written by <see cref="Write"/>.</summary>
    public static RunSequence Read(ref DataRegionReader reader) =>
        new(reader.UInt() != 0, reader.Int(), reader.Int(), reader.Int(), reader.Int(), reader.Int(), reader.Int());
}
