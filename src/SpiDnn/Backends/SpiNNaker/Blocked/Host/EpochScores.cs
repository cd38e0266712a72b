namespace SpiDnn.Backends.SpiNNaker.Blocked.Host;

/// <summary>
/// Turns the phase reports of a training run into the <see cref="History"/> (one entry per
/// epoch: the batches' loss and accuracy, weighted by their rows, then the validation pass)
/// and the per-batch <see cref="TrainingProgress"/> reports, as the host backend gives them.
/// </summary>
internal sealed class EpochScores(History history, TrainingRun run, bool hasValidation)
{
    private double _loss;
    private long _rows;
    private long _correct;
    private Evaluation? _validation;

    /// <summary>Takes the next phase's scores (phases arrive in order).</summary>
    public void Add(PhaseScore score)
    {
        if (score.Batch >= 0)
        {
            _loss += score.LossSum;
            _rows += score.Rows;
            _correct += score.Correct;
            run.Progress?.Report(new TrainingProgress(score.Epoch + 1, run.Epochs, score.Batch + 1, run.Schedule.BatchesPerEpoch,
                (float)(_loss / Math.Max(1, _rows)), (float)_correct / Math.Max(1, _rows)));
        }
        else
        {
            _validation = new Evaluation((float)(score.LossSum / Math.Max(1, score.Rows)), (float)score.Correct / Math.Max(1, score.Rows));
        }

        var epochEnds = score.Batch < 0 || (!hasValidation && score.Batch == run.Schedule.BatchesPerEpoch - 1);
        if (epochEnds)
        {
            history.AddEpoch((float)(_loss / Math.Max(1, _rows)), (float)_correct / Math.Max(1, _rows), _validation);
            _loss = 0;
            _rows = _correct = 0;
            _validation = null;
        }
    }
}
