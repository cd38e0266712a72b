using SpiNNaker.Toolchain.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// A sum core: the outputs <c>positions x filters</c> of one tile and filter group of one
/// layer (docs/mapping-blocked.md, section 2). Forward it adds the partial sums of its weight
/// cores and the bias, applies the activation and sends the outputs to the next layer;
/// backward it adds the partial errors (or, in the output layer, takes the loss gradient
/// against the labels), applies the activation's derivative, accumulates the bias gradient
/// and sends the deltas to its weight cores. Output-layer sum cores also score every
/// example, report each phase's loss and accuracy to the host, write predictions and give
/// inference slots back to the first layer (credits).
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal sealed class SumCore<T, TAcc, TOps> : BlockCore<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    private const int WorkForward = FirstOwnWork;
    private const int WorkBackward = FirstOwnWork + 1;

    private const int JobOutputs = FirstOwnJob;
    private const int JobDeltas = FirstOwnJob + 1;
    private const int JobCredit = FirstOwnJob + 2;

    private Activation _activation;
    private int _filters;
    private int _outputs;
    private int _partialsPerSlot;
    private int _errorsPerSlot;
    private int _creditChannel = -1;

    private T[] _sums = null!;
    private T[] _activations = null!;
    private T[] _errors = null!;
    private int[] _partialCount = null!;
    private int[] _errorCount = null!;
    private T[] _deltas = null!;
    private OutputScoring<T, TAcc, TOps>? _scoring;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        var reader = new DataRegionReader(ReadParameters(context));
        ReadHeader(context, ref reader, SumCoreParameters.SumMagic);
        var outputLayer = reader.Int() != 0;
        _activation = (Activation)reader.Int();
        var loss = (Loss)reader.Int();
        var positions = reader.Int();
        _filters = reader.Int();
        _outputs = positions * _filters;
        var lossWidth = reader.Int();
        var lossActivation = (Activation)reader.Int();
        MemberIndex = reader.Int();
        MemberCount = reader.Int();
        _partialsPerSlot = reader.Int();
        _errorsPerSlot = reader.Int();
        var scores = reader.Int() != 0;
        var writesPredictions = reader.Int() != 0;
        var reportIndex = reader.Int();
        var scheduleBytes = reader.Int();

        Trained = context.AllocateDtcm<T>(_filters);
        context.ReadSdram<T>(context.GetSdramRegion(RegionIds.Weights), 0, Trained);
        Gradient = context.AllocateDtcm<TAcc>(Training ? _filters : 0);
        _sums = context.AllocateDtcm<T>(Slots * _outputs);
        _activations = context.AllocateDtcm<T>(Slots * _outputs);
        _errors = context.AllocateDtcm<T>(Training && !outputLayer ? Slots * _outputs : 0);
        _partialCount = context.AllocateDtcm<int>(Slots);
        _errorCount = context.AllocateDtcm<int>(Slots);
        _deltas = context.AllocateDtcm<T>(_outputs);
        if (outputLayer)
        {
            _scoring = new OutputScoring<T, TAcc, TOps>(context, Costs, Slots, _outputs, loss, lossWidth, lossActivation, scores, writesPredictions, reportIndex, scheduleBytes);
        }

        ReadKeysAndStart(ref reader);
        _creditChannel = Out.ChannelOf(FlowKind.Credit);
    }

    /// <inheritdoc/>
    protected override void OnValue(FlowKind kind, int slot, int local, T value)
    {
        var context = Context;
        switch (kind)
        {
            case FlowKind.Partial:
            {
                context.ChargeCycles(Costs.Add);
                var at = (slot * _outputs) + local;
                _sums[at] = TOps.Add(_sums[at], value);
                if (++_partialCount[slot] == _partialsPerSlot)
                {
                    _partialCount[slot] = 0;
                    Work.Add(context, WorkForward, slot);
                }

                break;
            }

            case FlowKind.Error:
            {
                context.ChargeCycles(Costs.Add);
                var at = (slot * _outputs) + local;
                _errors[at] = TOps.Add(_errors[at], value);
                if (++_errorCount[slot] == _errorsPerSlot)
                {
                    _errorCount[slot] = 0;
                    Work.Add(context, WorkBackward, slot);
                }

                break;
            }

            default:
                throw new InvalidOperationException($"core {context.Location}: a sum core does not receive {kind} packets");
        }
    }

    /// <inheritdoc/>
    protected override void OnWork(int kind, int slot)
    {
        switch (kind)
        {
            case WorkForward:
                if (AwaitingUpdate)
                {
                    Parked |= 1UL << slot;
                }
                else
                {
                    Forward(slot);
                }

                break;
            case WorkBackward:
                Backward(slot);
                break;
        }
    }

    /// <inheritdoc/>
    protected override void RunOwnJob(ref int budget)
    {
        switch (Job)
        {
            case JobOutputs:
                if (SendRoundRobin(FlowKind.Output, _activations.AsSpan(JobSlot * _outputs, _outputs), ref budget))
                {
                    Job = NoJob;
                    if (!Cursor.IsTraining)
                    {
                        CompleteExample();
                    }
                }

                break;
            case JobDeltas:
                if (SendRoundRobin(FlowKind.Delta, _deltas, ref budget))
                {
                    Job = NoJob;
                    CompleteExample();
                }

                break;
            case JobCredit:
                if (!Out.Send(Context, _creditChannel, JobSlot, 0, 0))
                {
                    budget = 0;
                    return;
                }

                budget--;
                Job = NoJob;
                CompleteExample();
                break;
        }
    }

    private void Forward(int slot)
    {
        var sums = _sums.AsSpan(slot * _outputs, _outputs);
        var outputs = _activations.AsSpan(slot * _outputs, _outputs);
        BiasActivation<T, TAcc, TOps>.Forward(Context, Costs, _activation, sums, Trained, outputs, _filters);
        sums.Clear();
        if (_scoring is null)
        {
            StartJob(JobOutputs, slot);
            return;
        }

        // Output layer: score the example; predict, or turn the loss gradient into deltas.
        var position = _scoring.Score(slot, outputs);
        if (!Cursor.IsTraining)
        {
            _scoring.WritePrediction(position);
            StartJob(JobCredit, slot);
            return;
        }

        _scoring.Deltas(_activation, outputs, _deltas, Cursor.Sequence.PhaseExamples(Cursor.Phase) * RowsPerExample, _filters);
        AccumulateBiasAndSend(slot);
    }

    private void Backward(int slot)
    {
        var errors = _errors.AsSpan(slot * _outputs, _outputs);
        errors.CopyTo(_deltas);
        errors.Clear();
        Context.ChargeCycles((long)_outputs * HandlerCosts.LoopStep);
        BiasActivation<T, TAcc, TOps>.Derivative(Context, Costs, _activation, _activations.AsSpan(slot * _outputs, _outputs), _deltas, _filters);
        AccumulateBiasAndSend(slot);
    }

    private void AccumulateBiasAndSend(int slot)
    {
        BiasActivation<T, TAcc, TOps>.AccumulateBias(Context, Costs, _deltas, Gradient, _filters);
        StartJob(JobDeltas, slot);
    }

    /// <inheritdoc/>
    protected override void RequeueParked(int slot) => Work.Add(Context, WorkForward, slot);

    /// <inheritdoc/>
    protected override void OnPhaseEnd() => _scoring?.Report(Cursor.Phase);
}
