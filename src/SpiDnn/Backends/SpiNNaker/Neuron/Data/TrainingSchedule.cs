using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// What a trainable core needs to know about the training loop: examples per epoch, batch
/// size, epochs and the learning rate. Weights change after every full batch and after the
/// last (possibly partial) batch of each epoch, as in the host backend.
/// </summary>
/// <param name="ExamplesPerEpoch">Training examples per epoch.</param>
/// <param name="BatchSize">Examples per full batch.</param>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="LearningRate">The SGD step.</param>
internal readonly record struct TrainingSchedule(int ExamplesPerEpoch, int BatchSize, int Epochs, float LearningRate)
{
    /// <summary>Every example of the run.</summary>
    public int TotalExamples => checked(ExamplesPerEpoch * Epochs);

    /// <summary>Writes the four words.</summary>
    public void Write(DataRegionWriter writer) => writer.Write(ExamplesPerEpoch).Write(BatchSize).Write(Epochs).Write(LearningRate);

    /// <summary>Reads the four words.</summary>
    public static TrainingSchedule Read(ref DataRegionReader reader) => new(reader.Int(), reader.Int(), reader.Int(), reader.Float());

    /// <summary>Whether finishing example <paramref name="example"/> (0-based over the run) completes a batch.</summary>
    public bool EndsBatch(int example)
    {
        var inEpoch = (example % ExamplesPerEpoch) + 1;
        return inEpoch % BatchSize == 0 || inEpoch == ExamplesPerEpoch;
    }

    /// <summary>The number of examples in the batch that example <paramref name="example"/> (0-based over the run) belongs to.</summary>
    public int BatchCountOf(int example)
    {
        var inEpoch = example % ExamplesPerEpoch;
        var start = inEpoch / BatchSize * BatchSize;
        return Math.Min(BatchSize, ExamplesPerEpoch - start);
    }
}
