using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Host;
using SpiDnn.Layers;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>
/// The blocked mapping (docs/mapping-blocked.md): weight cores holding blocks of each layer's
/// kernel, sum cores that add partial sums, activate and compute deltas, several examples in
/// flight with exact mini-batch semantics, the data preloaded into SDRAM, TDMA-paced sends,
/// optional replicas that combine gradients at every batch end, and float or s16.15 fixed
/// point. A prediction or a whole training loop (with the validation data evaluated after
/// every epoch) is one machine run.
/// </summary>
public sealed class BlockedMapping : IMapping
{
    /// <summary>The mapping's name.</summary>
    public const string MappingName = "blocked";

    private readonly NumberFormat _numberFormat;

    /// <summary>Creates the mapping with <paramref name="options"/>, computing in <paramref name="numberFormat"/>.</summary>
    public BlockedMapping(BlockedOptions? options = null, NumberFormat numberFormat = NumberFormat.Float)
    {
        Options = options ?? BlockedOptions.Default;
        Options.Validate();
        _numberFormat = numberFormat;
    }

    /// <summary>The mapping's settings.</summary>
    public BlockedOptions Options { get; }

    /// <inheritdoc/>
    public string Name => MappingName;

    /// <summary>The detailed figures of the last machine run (plan, busiest cores, pacing waits), or null before the first.</summary>
    public BlockedRunStatistics? LastRun { get; private set; }

    /// <summary>The plan of the last run or mapping (<see cref="MapFit"/>, <see cref="MapPredict"/>), layer by layer; null before the first.</summary>
    public BlockedPlanSummary? LastPlan { get; private set; }

    /// <inheritdoc/>
    public void Check(Sequential model, bool training)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var layer in model.Layers)
        {
            if (layer is not (Dense or Conv1D or Flatten))
            {
                throw new NotSupportedException($"the blocked mapping has no cores for layer '{layer.Name}' ({layer.TypeName}); it maps Dense, Conv1D and Flatten");
            }
        }

        if (!model.Layers.Any(l => l is Dense or Conv1D))
        {
            throw new NotSupportedException("the blocked mapping needs at least one Dense or Conv1D layer");
        }

        if (!Enum.IsDefined(_numberFormat))
        {
            throw new NotSupportedException($"the blocked mapping computes in float or s16.15 fixed point; number format {_numberFormat} is unknown");
        }
    }

    /// <inheritdoc/>
    public Tensor Predict(Sequential model, Tensor x, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        var result = Run(model, PredictData(model, x), target, null);
        return Tensor.FromArray(result.Predictions!, [x.Dim(0), .. model.OutputShape]);
    }

    /// <inheritdoc/>
    public global::SpiNNaker.Toolchain.Mapping MapPredict(Sequential model, Tensor x, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        return MapOnly(new BlockedMachineRun(model, PredictData(model, x), Options, _numberFormat, target));
    }

    /// <inheritdoc/>
    public History Fit(Sequential model, TrainingRun run, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(target);
        var validationCount = run.ValidationData is { } v ? v.X.Dim(0) : 0;
        var history = new History();
        var scores = new EpochScores(history, run, validationCount > 0);
        var result = Run(model, FitData(model, run), target, scores.Add);
        var weighted = model.Layers.Where(l => l is Dense or Conv1D).ToList();
        for (var l = 0; l < weighted.Count; l++)
        {
            result.Weights![2 * l].CopyTo(weighted[l].Weights[0].Data, 0);
            result.Weights[(2 * l) + 1].CopyTo(weighted[l].Weights[1].Data, 0);
        }

        return history;
    }

    /// <inheritdoc/>
    public global::SpiNNaker.Toolchain.Mapping MapFit(Sequential model, TrainingRun run, SpiNNakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(target);
        return MapOnly(new BlockedMachineRun(model, FitData(model, run), Options, _numberFormat, target));
    }

    /// <summary>A prediction run: one inference phase over <paramref name="x"/>.</summary>
    private RunData PredictData(Sequential model, Tensor x)
    {
        var examples = x.Dim(0);
        var outputLength = model.OutputShape.Aggregate(1, (a, b) => a * b);
        return new RunData(false, 1, 0, 1, examples, 0f, x.Data, x.Length / examples, null, outputLength, Options.Replicas, null);
    }

    /// <summary>A training run: every epoch's batches, then the validation pass when there is validation data.</summary>
    private RunData FitData(Sequential model, TrainingRun run)
    {
        var schedule = run.Schedule;
        var trainCount = run.X.Dim(0);
        var validationCount = run.ValidationData is { } v ? v.X.Dim(0) : 0;
        var inputs = run.X.Data;
        var labels = run.Y.Data;
        if (run.ValidationData is { } validation)
        {
            // Training rows then validation rows: both preloaded, the validation pass runs on the machine after each epoch.
            inputs = [.. run.X.Data, .. validation.X.Data];
            labels = [.. run.Y.Data, .. validation.Y.Data];
        }

        return new RunData(true, run.Epochs, trainCount, schedule.BatchSize, validationCount, model.Optimizer!.LearningRate,
            inputs, run.X.Length / trainCount, labels, run.Y.Length / trainCount, Options.Replicas, schedule.EpochOrder);
    }

    private global::SpiNNaker.Toolchain.Mapping MapOnly(BlockedMachineRun run)
    {
        var mapping = run.Map();
        LastPlan = BlockedPlanSummary.Of(run.Plan!);
        return mapping;
    }

    private BlockedRunResult Run(Sequential model, RunData data, SpiNNakerTarget target, Action<PhaseScore>? completed)
    {
        var run = new BlockedMachineRun(model, data, Options, _numberFormat, target) { PhaseCompleted = completed };
        var result = run.Execute();
        LastRun = result.Statistics;
        LastPlan = BlockedPlanSummary.Of(result.Plan);
        return result;
    }
}
