using SpiDnn.Numerics;

namespace SpiDnn.Training;

/// <summary>
/// The order in which a training run visits its examples: for each epoch, a permutation of
/// the example indices cut into consecutive batches (the last one may be smaller). It is
/// built by the library, not by a backend, so that every backend trains on exactly the same
/// sequence of batches. With shuffling, epoch <c>e</c> uses a Fisher-Yates shuffle driven by
/// <see cref="SplitMix64"/> sub-stream <c>e</c> of the seed; without it, the order is
/// 0, 1, ..., n - 1 in every epoch.
/// </summary>
public sealed class BatchSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="exampleCount">The number of training examples (positive).</param>
    /// <param name="batchSize">The number of examples per batch (positive).</param>
    /// <param name="shuffle">Whether each epoch visits the examples in a new random order.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    public BatchSchedule(int exampleCount, int batchSize, bool shuffle, int seed)
    {
        if (exampleCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exampleCount), $"expected at least one example. Received: exampleCount={exampleCount}");
        }
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"expected a positive integer. Received: batchSize={batchSize}");
        }
        ExampleCount = exampleCount;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <summary>The number of training examples.</summary>
    public int ExampleCount { get; }

    /// <summary>The number of examples in a full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch has its own random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the shuffle.</summary>
    public int Seed { get; }

    /// <summary>The number of batches per epoch (the last one may be partial).</summary>
    public int BatchesPerEpoch => (ExampleCount + BatchSize - 1) / BatchSize;

    /// <summary>The example indices of epoch <paramref name="epoch"/> (0-based) in visiting order.</summary>
    public int[] EpochOrder(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var order = new int[ExampleCount];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        if (Shuffle)
        {
            var random = SplitMix64.ForStream(Seed, epoch);
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
        return order;
    }

    /// <summary>The range of batch <paramref name="batch"/> inside an epoch order: (start, count).</summary>
    public (int Start, int Count) BatchRange(int batch)
    {
        if ((uint)batch >= (uint)BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"expected a batch in [0, {BatchesPerEpoch}). Received: batch={batch}");
        }
        var start = batch * BatchSize;
        return (start, Math.Min(BatchSize, ExampleCount - start));
    }
}
