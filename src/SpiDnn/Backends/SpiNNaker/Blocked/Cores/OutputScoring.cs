using System.Runtime.InteropServices;
using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Training;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// What a core holding outputs of the model's last layer does with them (docs/mapping-blocked.md,
/// section 2): finds which example a slot holds, scores it against its labels with the host's
/// <see cref="LossFunctions"/>, writes predictions, turns the loss gradient into deltas with the
/// host's <see cref="LossGradient"/>, and reports each phase to the host in one SDP message.
/// Output sum cores and fused output cores share it.
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal sealed class OutputScoring<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    /// <summary>The SDP port of phase reports.</summary>
    public const int ReportPort = 1;

    private readonly ICoreContext _context;
    private readonly ArithmeticCosts _costs;
    private readonly int _slots;
    private readonly int _outputs;
    private readonly Loss _loss;
    private readonly int _lossWidth;
    private readonly Activation _lossActivation;
    private readonly int _reportIndex;
    private readonly int _scheduleBytes;
    private readonly int[] _slotUses;
    private readonly float[] _labelRow;
    private readonly float[] _outputRow;
    private readonly float[] _gradientRow;
    private readonly SdramRegion? _labels;
    private readonly SdramRegion? _schedule;
    private readonly SdramRegion? _predictions;
    private readonly byte[] _report = new byte[24];
    private double _phaseLoss;
    private int _phaseCorrect;
    private int _phaseRows;

    /// <summary>Allocates the slot counters and the float rows in DTCM and opens the label, schedule and prediction regions the core has.</summary>
    public OutputScoring(ICoreContext context, ArithmeticCosts costs, int slots, int outputs, Loss loss, int lossWidth, Activation lossActivation,
        bool scores, bool writesPredictions, int reportIndex, int scheduleBytes)
    {
        _context = context;
        _costs = costs;
        _slots = slots;
        _outputs = outputs;
        _loss = loss;
        _lossWidth = lossWidth;
        _lossActivation = lossActivation;
        _reportIndex = reportIndex;
        _scheduleBytes = scheduleBytes;
        _slotUses = context.AllocateDtcm<int>(slots);
        _labelRow = context.AllocateDtcm<float>(outputs);
        _outputRow = context.AllocateDtcm<float>(outputs);
        _gradientRow = context.AllocateDtcm<float>(outputs);
        _labels = scores ? context.GetSdramRegion(RegionIds.Labels) : null;
        _schedule = scores ? context.GetSdramRegion(RegionIds.Schedule) : null;
        _predictions = writesPredictions ? context.GetSdramRegion(RegionIds.Predictions) : null;
    }

    /// <summary>
    /// The example <paramref name="slot"/> holds now (its position in the replica's sequence:
    /// <c>slot + S x uses</c>), with its outputs converted to floats and, when the core has
    /// labels, scored into the phase's sums; charged.
    /// </summary>
    public long Score(int slot, ReadOnlySpan<T> outputs)
    {
        var position = slot + ((long)_slots * _slotUses[slot]);
        _slotUses[slot]++;
        for (var j = 0; j < _outputs; j++)
        {
            _outputRow[j] = TOps.ToFloat(outputs[j]);
        }

        _context.ChargeCycles((long)_outputs * _costs.Convert);
        if (_labels is not null)
        {
            var dataRow = ReadScheduleEntry(position);
            _context.ReadSdram<float>(_labels, checked((int)((long)dataRow * _outputs * 4)), _labelRow);
            var score = LossFunctions.Score(_loss, _outputRow, _labelRow, _lossWidth);
            _phaseLoss += score.LossSum;
            _phaseCorrect += score.Correct;
            _phaseRows += score.Rows;
            _context.ChargeCycles((long)_outputs * (_costs.Log + (2 * _costs.Add) + _costs.Compare));
        }

        return position;
    }

    /// <summary>Writes the outputs last scored as the predictions of sequence position <paramref name="position"/> (a predict run).</summary>
    public void WritePrediction(long position)
    {
        if (_predictions is not null)
        {
            _context.WriteSdram<float>(_predictions, checked((int)(position * _outputs * 4)), _outputRow);
        }
    }

    /// <summary>
    /// The deltas of the outputs last scored: the loss gradient with the host's formulas (the
    /// batch mean over <paramref name="rows"/> rows in float; fixed point leaves it to the
    /// update), times the derivative of <paramref name="activation"/> unless the host fuses it
    /// into the loss; charged.
    /// </summary>
    public void Deltas(Activation activation, ReadOnlySpan<T> outputs, Span<T> deltas, int rows, int filters)
    {
        var fused = LossGradient.Compute(_loss, _lossActivation, _outputRow, _labelRow, _gradientRow, _lossWidth, TOps.DeltasCarryBatchMean ? rows : 1);
        for (var j = 0; j < _outputs; j++)
        {
            deltas[j] = TOps.FromFloat(_gradientRow[j]);
        }

        _context.ChargeCycles((long)_outputs * (_costs.Add + _costs.Multiply + _costs.Convert + (fused || _loss == Loss.MeanSquaredError ? 0 : _costs.Divide)));
        if (!fused)
        {
            TOps.ActivationBackward(activation, outputs, deltas[.._outputs], filters);
            _context.ChargeCycles(ActivationCycles.Backward(activation, _outputs, _costs));
        }
    }

    /// <summary>One SDP message for <paramref name="phase"/>: phase, report index, rows, correct rows, loss sum (double); the sums restart.</summary>
    public void Report(int phase)
    {
        var report = _report.AsSpan();
        MemoryMarshal.Write(report, phase);
        MemoryMarshal.Write(report[4..], _reportIndex);
        MemoryMarshal.Write(report[8..], _phaseRows);
        MemoryMarshal.Write(report[12..], _phaseCorrect);
        MemoryMarshal.Write(report[16..], _phaseLoss);
        _context.SendSdpToHost(ReportPort, report);
        _phaseLoss = 0;
        _phaseCorrect = 0;
        _phaseRows = 0;
    }

    private int ReadScheduleEntry(long position)
    {
        Span<byte> entry = stackalloc byte[4];
        var bytes = entry[.._scheduleBytes];
        _context.ReadSdram<byte>(_schedule!, checked((int)(position * _scheduleBytes)), bytes);
        return _scheduleBytes == 2 ? bytes[0] | (bytes[1] << 8) : MemoryMarshal.Read<int>(bytes);
    }
}
