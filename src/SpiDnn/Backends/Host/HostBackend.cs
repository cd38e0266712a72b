using SpiDnn.Training;

namespace SpiDnn.Backends.Host;

/// <summary>
/// The reference backend: runs models on the host CPU with batched, vectorised span kernels
/// (one file per layer type in this folder), in float32, single-threaded and deterministic.
/// Everything else (the SpiNNaker backend included) is checked against it.
/// </summary>
public sealed class HostBackend : IBackend
{
    /// <inheritdoc/>
    public string Name => "host";

    /// <inheritdoc/>
    public Tensor Predict(Sequential model, Tensor x, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        var examples = x.Dim(0);
        var network = new HostNetwork(model, Math.Min(batchSize, examples));
        var result = new Tensor([examples, .. model.OutputShape]);
        var input = x.ReadOnlySpan;
        var output = result.Span;
        for (var start = 0; start < examples; start += network.Capacity)
        {
            var count = Math.Min(network.Capacity, examples - start);
            network.Forward(input.Slice(start * network.InputLength, count * network.InputLength), count)
                .CopyTo(output.Slice(start * network.OutputLength, count * network.OutputLength));
        }
        return result;
    }

    /// <inheritdoc/>
    public History Fit(Sequential model, TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        var loss = model.CompiledLoss;
        var learningRate = model.Optimizer!.LearningRate;
        var schedule = run.Schedule;
        var network = new HostNetwork(model, Math.Min(schedule.BatchSize, schedule.ExampleCount));
        var batchInput = new float[network.Capacity * network.InputLength];
        var batchLabels = new float[network.Capacity * network.OutputLength];
        var rowsPerExample = network.OutputLength / network.OutputWidth;
        var history = new History();
        for (var epoch = 0; epoch < run.Epochs; epoch++)
        {
            var order = schedule.EpochOrder(epoch);
            double lossSum = 0;
            var correct = 0;
            var rowsSeen = 0;
            for (var batch = 0; batch < schedule.BatchesPerEpoch; batch++)
            {
                var (start, count) = schedule.BatchRange(batch);
                Gather(run.X.ReadOnlySpan, order.AsSpan(start, count), network.InputLength, batchInput);
                Gather(run.Y.ReadOnlySpan, order.AsSpan(start, count), network.OutputLength, batchLabels);
                var inputs = batchInput.AsSpan(0, count * network.InputLength);
                var labels = batchLabels.AsSpan(0, count * network.OutputLength);

                var outputs = network.Forward(inputs, count);
                var score = LossFunctions.Score(loss, outputs, labels, network.OutputWidth);
                lossSum += score.LossSum;
                correct += score.Correct;
                rowsSeen += score.Rows;
                var preActivation = LossGradient.Compute(loss, network.OutputActivation, outputs, labels,
                    network.OutputGradient(count), network.OutputWidth, count * rowsPerExample);
                network.Backward(inputs, count, preActivation, learningRate);

                run.Progress?.Report(new TrainingProgress(epoch + 1, run.Epochs, batch + 1, schedule.BatchesPerEpoch,
                    (float)(lossSum / rowsSeen), (float)correct / rowsSeen));
            }
            var validation = run.ValidationData is { } data
                ? ModelScoring.Evaluate(this, model, data.X, data.Y, Math.Max(network.Capacity, 256))
                : null;
            history.AddEpoch((float)(lossSum / rowsSeen), (float)correct / rowsSeen, validation);
        }
        return history;
    }

    private static void Gather(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, int width, Span<float> target)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            source.Slice(rows[r] * width, width).CopyTo(target.Slice(r * width, width));
        }
    }
}
