using SpiNNaker.Toolchain.Data;
using System.Runtime.InteropServices;
using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Training;
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
    /// <summary>The SDP port of phase reports.</summary>
    public const int ReportPort = 1;

    private const int WorkForward = FirstOwnWork;
    private const int WorkBackward = FirstOwnWork + 1;

    private const int JobOutputs = FirstOwnJob;
    private const int JobDeltas = FirstOwnJob + 1;
    private const int JobCredit = FirstOwnJob + 2;

    private bool _outputLayer;
    private Activation _activation;
    private Loss _loss;
    private int _positions;
    private int _filters;
    private int _outputs;
    private int _lossWidth;
    private Activation _lossActivation;
    private int _partialsPerSlot;
    private int _errorsPerSlot;
    private bool _scores;
    private bool _writesPredictions;
    private int _reportIndex;
    private int _scheduleBytes;
    private int _creditChannel = -1;

    private T[] _sums = null!;
    private T[] _activations = null!;
    private T[] _errors = null!;
    private int[] _partialCount = null!;
    private int[] _errorCount = null!;
    private int[] _slotUses = null!;
    private T[] _deltas = null!;

    private float[] _labelRow = null!;
    private float[] _outputRow = null!;
    private float[] _gradientRow = null!;
    private SdramRegion? _labels;
    private SdramRegion? _schedule;
    private SdramRegion? _predictions;
    private double _phaseLoss;
    private int _phaseCorrect;
    private int _phaseRows;
    private readonly byte[] _report = new byte[24];

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        var reader = new DataRegionReader(ReadParameters(context));
        ReadHeader(context, ref reader, SumCoreParameters.SumMagic);
        _outputLayer = reader.Int() != 0;
        _activation = (Activation)reader.Int();
        _loss = (Loss)reader.Int();
        _positions = reader.Int();
        _filters = reader.Int();
        _outputs = _positions * _filters;
        _lossWidth = reader.Int();
        _lossActivation = (Activation)reader.Int();
        MemberIndex = reader.Int();
        MemberCount = reader.Int();
        _partialsPerSlot = reader.Int();
        _errorsPerSlot = reader.Int();
        _scores = reader.Int() != 0;
        _writesPredictions = reader.Int() != 0;
        _reportIndex = reader.Int();
        _scheduleBytes = reader.Int();

        Trained = context.AllocateDtcm<T>(_filters);
        context.ReadSdram<T>(context.GetSdramRegion(RegionIds.Weights), 0, Trained);
        Gradient = context.AllocateDtcm<TAcc>(Training ? _filters : 0);
        _sums = context.AllocateDtcm<T>(Slots * _outputs);
        _activations = context.AllocateDtcm<T>(Slots * _outputs);
        _errors = context.AllocateDtcm<T>(Training && !_outputLayer ? Slots * _outputs : 0);
        _partialCount = context.AllocateDtcm<int>(Slots);
        _errorCount = context.AllocateDtcm<int>(Slots);
        _slotUses = context.AllocateDtcm<int>(Slots);
        _deltas = context.AllocateDtcm<T>(_outputs);
        if (_outputLayer)
        {
            _labelRow = context.AllocateDtcm<float>(_outputs);
            _outputRow = context.AllocateDtcm<float>(_outputs);
            _gradientRow = context.AllocateDtcm<float>(_outputs);
            _labels = _scores ? context.GetSdramRegion(RegionIds.Labels) : null;
            _schedule = _scores ? context.GetSdramRegion(RegionIds.Schedule) : null;
            _predictions = _writesPredictions ? context.GetSdramRegion(RegionIds.Predictions) : null;
        }

        ReadKeysAndStart(ref reader);
        for (var c = 0; c < Out.Count; c++)
        {
            if (Out.KindOf(c) == FlowKind.Credit)
            {
                _creditChannel = c;
            }
        }
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
        var context = Context;
        var sums = _sums.AsSpan(slot * _outputs, _outputs);
        var outputs = _activations.AsSpan(slot * _outputs, _outputs);
        for (var j = 0; j < _outputs; j++)
        {
            outputs[j] = TOps.Add(sums[j], Trained[j % _filters]);
        }

        sums.Clear();
        TOps.ActivationForward(_activation, outputs, _filters);
        context.ChargeCycles(((long)_outputs * (Costs.Add + HandlerCosts.LoopStep)) + ActivationCycles.Forward(_activation, _outputs, Costs));
        if (!_outputLayer)
        {
            StartJob(JobOutputs, slot);
            return;
        }

        // Output layer: which example the slot holds (its position in the replica's sequence), its labels, its score.
        var position = slot + ((long)Slots * _slotUses[slot]);
        _slotUses[slot]++;
        for (var j = 0; j < _outputs; j++)
        {
            _outputRow[j] = TOps.ToFloat(outputs[j]);
        }

        context.ChargeCycles((long)_outputs * Costs.Convert);
        if (_scores)
        {
            var dataRow = ReadScheduleEntry(position);
            context.ReadSdram<float>(_labels!, checked((int)((long)dataRow * _outputs * 4)), _labelRow);
            var score = LossFunctions.Score(_loss, _outputRow, _labelRow, _lossWidth);
            _phaseLoss += score.LossSum;
            _phaseCorrect += score.Correct;
            _phaseRows += score.Rows;
            context.ChargeCycles((long)_outputs * (Costs.Log + (2 * Costs.Add) + Costs.Compare));
        }

        if (!Cursor.IsTraining)
        {
            if (_writesPredictions)
            {
                context.WriteSdram<float>(_predictions!, checked((int)(position * _outputs * 4)), _outputRow);
            }

            StartJob(JobCredit, slot);
            return;
        }

        // The loss gradient with the host's formulas (fixed point leaves the batch mean to the update).
        var rows = TOps.DeltasCarryBatchMean ? Cursor.Sequence.PhaseExamples(Cursor.Phase) * RowsPerExample : 1;
        var fused = LossGradient.Compute(_loss, _lossActivation, _outputRow, _labelRow, _gradientRow, _lossWidth, rows);
        for (var j = 0; j < _outputs; j++)
        {
            _deltas[j] = TOps.FromFloat(_gradientRow[j]);
        }

        context.ChargeCycles((long)_outputs * (Costs.Add + Costs.Multiply + Costs.Convert + (fused || _loss == Loss.MeanSquaredError ? 0 : Costs.Divide)));
        if (!fused)
        {
            TOps.ActivationBackward(_activation, outputs, _deltas, _filters);
            context.ChargeCycles(ActivationCycles.Backward(_activation, _outputs, Costs));
        }

        AccumulateBiasAndSend(slot);
    }

    private void Backward(int slot)
    {
        var errors = _errors.AsSpan(slot * _outputs, _outputs);
        errors.CopyTo(_deltas);
        errors.Clear();
        TOps.ActivationBackward(_activation, _activations.AsSpan(slot * _outputs, _outputs), _deltas, _filters);
        Context.ChargeCycles(((long)_outputs * HandlerCosts.LoopStep) + ActivationCycles.Backward(_activation, _outputs, Costs));
        AccumulateBiasAndSend(slot);
    }

    private void AccumulateBiasAndSend(int slot)
    {
        for (var j = 0; j < _outputs; j++)
        {
            var f = j % _filters;
            Gradient[f] = TOps.AddAccumulators(Gradient[f], TOps.Widen(_deltas[j]));
        }

        Context.ChargeCycles((long)_outputs * Costs.Add);
        StartJob(JobDeltas, slot);
    }

    /// <inheritdoc/>
    protected override void RequeueParked(int slot) => Work.Add(Context, WorkForward, slot);

    /// <summary>One SDP message per phase: phase, report index, rows, correct rows, loss sum (double).</summary>
    protected override void OnPhaseEnd()
    {
        if (!_outputLayer)
        {
            return;
        }

        var report = _report.AsSpan();
        MemoryMarshal.Write(report, Cursor.Phase);
        MemoryMarshal.Write(report[4..], _reportIndex);
        MemoryMarshal.Write(report[8..], _phaseRows);
        MemoryMarshal.Write(report[12..], _phaseCorrect);
        MemoryMarshal.Write(report[16..], _phaseLoss);
        Context.SendSdpToHost(ReportPort, report);
        _phaseLoss = 0;
        _phaseCorrect = 0;
        _phaseRows = 0;
    }

    private int ReadScheduleEntry(long position)
    {
        Span<byte> entry = stackalloc byte[4];
        var bytes = entry[.._scheduleBytes];
        Context.ReadSdram<byte>(_schedule!, checked((int)(position * _scheduleBytes)), bytes);
        return _scheduleBytes == 2 ? bytes[0] | (bytes[1] << 8) : MemoryMarshal.Read<int>(bytes);
    }
}
