using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Host;
using SpiDnn.Layers;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>
/// The blocked mapping (docs/mapping-blocked.md): runs <see cref="Predict"/> and whole
/// training loops (<see cref="Fit"/>) of a <see cref="Sequential"/> model on a simulated
/// SpiNNaker machine with weight cores, sum cores, pipelined examples, preloaded data, paced
/// sends and optional replicas and fixed point. Each call is one machine run.
/// </summary>
public sealed class BlockedMapping
{
    /// <summary>Creates the mapping for <paramref name="machine"/>.</summary>
    /// <param name="machine">The machine to simulate.</param>
    /// <param name="options">The mapping's settings (default: <see cref="BlockedOptions.Default"/>).</param>
    /// <param name="cost">The cost model (default: <see cref="CostModel.Default"/>).</param>
    /// <param name="simulation">Router settings and seed (default: no reinjection, SC&amp;MP timers).</param>
    public BlockedMapping(SpiNNakerMachine machine, BlockedOptions? options = null, CostModel? cost = null, SimulationOptions? simulation = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Machine = machine;
        Options = options ?? BlockedOptions.Default;
        Options.Validate();
        Cost = cost ?? CostModel.Default;
        Simulation = simulation ?? SimulationOptions.Default;
    }

    /// <summary>The machine.</summary>
    public SpiNNakerMachine Machine { get; }

    /// <summary>The mapping's settings.</summary>
    public BlockedOptions Options { get; }

    /// <summary>The cost model.</summary>
    public CostModel Cost { get; }

    /// <summary>Router settings and seed.</summary>
    public SimulationOptions Simulation { get; }

    /// <summary>The figures of the last run (null before the first).</summary>
    public BlockedRunStatistics? LastRun { get; private set; }

    /// <summary>The plan of the last run, as text (null before the first).</summary>
    public string? LastPlan { get; private set; }

    /// <summary>The model's outputs for every example of <paramref name="x"/>, computed on the machine.</summary>
    /// <exception cref="SpiNNakerMappingException">The model does not fit the machine.</exception>
    /// <exception cref="SpiNNakerRunException">The run failed (a dropped packet, a stall, a core error).</exception>
    public Tensor Predict(Sequential model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        var examples = x.Dim(0);
        var inputLength = x.Length / examples;
        var data = new RunData(false, 1, 0, 1, examples, 0f, x.Data, inputLength, null, model.OutputShape.Aggregate(1, (a, b) => a * b), Options.Replicas, null);
        var result = Run(model, data, null);
        return Tensor.FromArray(result.Predictions!, [examples, .. model.OutputShape]);
    }

    /// <summary>
    /// Trains the compiled model on the machine following <see cref="TrainingRun.Schedule"/>,
    /// evaluating the validation data after every epoch on the machine too; writes the trained
    /// weights into the model and returns the per-epoch figures with the run's statistics.
    /// </summary>
    /// <exception cref="SpiNNakerMappingException">The model does not fit the machine.</exception>
    /// <exception cref="SpiNNakerRunException">The run failed (a dropped packet, a stall, a core error).</exception>
    public History Fit(Sequential model, TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        var schedule = run.Schedule;
        var trainCount = run.X.Dim(0);
        var inputLength = run.X.Length / trainCount;
        var labelLength = run.Y.Length / trainCount;
        var validationCount = run.ValidationData is { } v ? v.X.Dim(0) : 0;
        var inputs = run.X.Data;
        var labels = run.Y.Data;
        if (run.ValidationData is { } validation)
        {
            inputs = [.. run.X.Data, .. validation.X.Data];
            labels = [.. run.Y.Data, .. validation.Y.Data];
        }

        var data = new RunData(true, run.Epochs, trainCount, schedule.BatchSize, validationCount, model.Optimizer!.LearningRate,
            inputs, inputLength, labels, labelLength, Options.Replicas, schedule.EpochOrder);

        var history = new History();
        var epochLoss = 0.0;
        long epochRows = 0, epochCorrect = 0;
        Evaluation? epochValidation = null;
        void Completed(PhaseScore score)
        {
            if (score.Batch >= 0)
            {
                epochLoss += score.LossSum;
                epochRows += score.Rows;
                epochCorrect += score.Correct;
                run.Progress?.Report(new TrainingProgress(score.Epoch + 1, run.Epochs, score.Batch + 1, schedule.BatchesPerEpoch,
                    (float)(epochLoss / Math.Max(1, epochRows)), (float)epochCorrect / Math.Max(1, epochRows)));
            }
            else
            {
                epochValidation = new Evaluation((float)(score.LossSum / Math.Max(1, score.Rows)), (float)score.Correct / Math.Max(1, score.Rows));
            }

            var lastOfEpoch = score.Batch < 0 || (validationCount == 0 && score.Batch == schedule.BatchesPerEpoch - 1);
            if (lastOfEpoch)
            {
                history.AddEpoch((float)(epochLoss / Math.Max(1, epochRows)), (float)epochCorrect / Math.Max(1, epochRows), epochValidation);
                epochLoss = 0;
                epochRows = epochCorrect = 0;
                epochValidation = null;
            }
        }

        var result = Run(model, data, Completed);
        var weighted = model.Layers.Where(l => l is Dense or Conv1D).ToList();
        for (var l = 0; l < weighted.Count; l++)
        {
            result.Weights![2 * l].CopyTo(weighted[l].Weights[0].Data, 0);
            result.Weights[(2 * l) + 1].CopyTo(weighted[l].Weights[1].Data, 0);
        }

        history.BackendStatistics = result.Statistics;
        return history;
    }

    private BlockedRunResult Run(Sequential model, RunData data, Action<PhaseScore>? completed)
    {
        var run = new BlockedMachineRun(model, data, Options, Machine, Cost, Simulation) { PhaseCompleted = completed };
        var result = run.Execute();
        LastRun = result.Statistics;
        LastPlan = result.Plan.ToString();
        return result;
    }
}
