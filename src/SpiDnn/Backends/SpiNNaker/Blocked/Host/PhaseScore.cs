namespace SpiDnn.Backends.SpiNNaker.Blocked.Host;

/// <summary>The scores of one phase of a run, summed over every output core of every replica.</summary>
/// <param name="Phase">The phase's index in the run.</param>
/// <param name="Epoch">Its epoch (0-based).</param>
/// <param name="Batch">Its batch in the epoch, or -1 for the inference phase.</param>
/// <param name="Rows">Loss rows scored.</param>
/// <param name="Correct">Rows counted correct.</param>
/// <param name="LossSum">The sum of the rows' losses.</param>
internal sealed record PhaseScore(int Phase, int Epoch, int Batch, long Rows, long Correct, double LossSum);
