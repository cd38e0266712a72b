using SpiNNaker.Toolchain.Data;
using System.Runtime.InteropServices;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// A weight core: one block <c>Kernel x channels x filters</c> of one layer's kernel, for one
/// tile of output positions (docs/mapping-blocked.md, section 2). Forward it turns the inputs
/// of a slot into partial pre-activations for its sum core, sending each as soon as it is
/// computed; backward it turns the slot's deltas into partial input errors for the previous
/// layer's sum cores and accumulates its gradient; at each batch end it updates its block,
/// alone or with its group (conv tiles, replicas). First-layer cores read their inputs from
/// SDRAM and start the examples of the replica's sequence.
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal sealed class WeightCore<T, TAcc, TOps> : BlockCore<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    private const int WorkForward = FirstOwnWork;
    private const int WorkBackward = FirstOwnWork + 1;
    private const int WorkCredit = FirstOwnWork + 2;

    private const int JobForward = FirstOwnJob;

    /// <summary>Channels of one compute chunk of a partial sum (about 16 float multiply-accumulates, 7 us).</summary>
    private const int ChunkChannels = 16;

    /// <summary>Schedule entries the first layer copies from SDRAM at a time.</summary>
    internal const int ScheduleEntriesPerRead = 16;
    private const int JobErrors = FirstOwnJob + 1;

    private bool _first;
    private bool _sendsErrors;
    private int _kernel;
    private int _tileCount;
    private int _windowCount;
    private int _channels;
    private int _filters;
    private int _rowValues;
    private int _inputsPerSlot;
    private int _creditsPerSlot;
    private int _inputBytes;
    private int _scheduleBytes;
    private int _partialChannel = -1;

    private int[] _tapRow = null!;
    private int[] _tapsAt = null!;
    private T[] _inputs = null!;
    private T[] _deltas = null!;
    private int[] _inputCount = null!;
    private int[] _deltaCount = null!;
    private int[] _creditCount = null!;
    private bool[] _slotBusy = null!;
    private T[] _partials = null!;
    private TAcc _chunkSum;
    private int _chunkTap;
    private int _chunkChannel;
    private TAcc[] _errorSums = null!;
    private T[] _errors = null!;
    private byte[] _row = null!;
    private T[] _palette = null!;
    private long _sequencePosition;
    private byte[] _scheduleBuffer = null!;
    private long _scheduleBufferStart = -1;
    private SdramRegion? _inputRegion;
    private SdramRegion? _scheduleRegion;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        var reader = new DataRegionReader(ReadParameters(context));
        ReadHeader(context, ref reader, WeightCoreParameters.WeightMagic);
        _first = reader.Int() != 0;
        _sendsErrors = reader.Int() != 0;
        _kernel = reader.Int();
        var stride = reader.Int();
        var padBefore = reader.Int();
        var tileStart = reader.Int();
        _tileCount = reader.Int();
        var windowStart = reader.Int();
        _windowCount = reader.Int();
        _channels = reader.Int();
        _filters = reader.Int();
        MemberIndex = reader.Int();
        MemberCount = reader.Int();
        _inputsPerSlot = reader.Int();
        _creditsPerSlot = reader.Int();
        _inputBytes = reader.Int();
        var paletteCount = reader.Int();
        _palette = context.AllocateDtcm<T>(paletteCount);
        for (var i = 0; i < paletteCount; i++)
        {
            _palette[i] = TOps.FromPayload(reader.UInt());
        }

        _scheduleBytes = reader.Int();

        var blockWeights = _filters * _kernel * _channels;
        Trained = context.AllocateDtcm<T>(blockWeights);
        context.ReadSdram<T>(context.GetSdramRegion(RegionIds.Weights), 0, Trained);
        Gradient = context.AllocateDtcm<TAcc>(Training ? blockWeights : 0);

        // Which window row each (output position, tap) reads, or -1 for padding; and the taps per position.
        _tapRow = context.AllocateDtcm<int>(_tileCount * _kernel);
        _tapsAt = context.AllocateDtcm<int>(_tileCount);
        for (var p = 0; p < _tileCount; p++)
        {
            for (var k = 0; k < _kernel; k++)
            {
                var row = ((tileStart + p) * stride) + k - padBefore - windowStart;
                var valid = row >= 0 && row < _windowCount;
                _tapRow[(p * _kernel) + k] = valid ? row : -1;
                _tapsAt[p] += valid ? 1 : 0;
            }
        }

        _rowValues = _windowCount * _channels;
        _inputs = context.AllocateDtcm<T>(Slots * _rowValues);
        _deltas = context.AllocateDtcm<T>(Slots * _tileCount * _filters);
        _inputCount = context.AllocateDtcm<int>(Slots);
        _deltaCount = context.AllocateDtcm<int>(Slots);
        _creditCount = context.AllocateDtcm<int>(Slots);
        _slotBusy = context.AllocateDtcm<bool>(Slots);
        _partials = context.AllocateDtcm<T>(_tileCount * _filters);
        _errorSums = context.AllocateDtcm<TAcc>(_sendsErrors ? _rowValues : 0);
        _errors = context.AllocateDtcm<T>(_sendsErrors ? _rowValues : 0);
        if (_first)
        {
            _row = context.AllocateDtcm<byte>(_rowValues * _inputBytes);
            _scheduleBuffer = context.AllocateDtcm<byte>(ScheduleEntriesPerRead * 4);
            _inputRegion = context.GetSdramRegion(RegionIds.Inputs);
            _scheduleRegion = context.GetSdramRegion(RegionIds.Schedule);
        }

        ReadKeysAndStart(ref reader);
        for (var c = 0; c < Out.Count; c++)
        {
            if (Out.KindOf(c) == FlowKind.Partial)
            {
                _partialChannel = c;
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnValue(FlowKind kind, int slot, int local, T value)
    {
        var context = Context;
        switch (kind)
        {
            case FlowKind.Output:
                _inputs[(slot * _rowValues) + local] = value;
                if (++_inputCount[slot] == _inputsPerSlot)
                {
                    _inputCount[slot] = 0;
                    Work.Add(context, WorkForward, slot);
                }

                break;
            case FlowKind.Delta:
                _deltas[(slot * _tileCount * _filters) + local] = value;
                if (++_deltaCount[slot] == _tileCount * _filters)
                {
                    _deltaCount[slot] = 0;
                    Work.Add(context, WorkBackward, slot);
                }

                break;
            case FlowKind.Credit:
                if (++_creditCount[slot] == _creditsPerSlot)
                {
                    _creditCount[slot] = 0;
                    Work.Add(context, WorkCredit, slot);
                }

                break;
            default:
                throw new InvalidOperationException($"core {context.Location}: a weight core does not receive {kind} packets");
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
                    // Inputs of the next batch before this core's update: run them after it.
                    Parked |= 1UL << slot;
                }
                else
                {
                    StartJob(JobForward, slot);
                }

                break;
            case WorkBackward:
                Backward(slot);
                break;
            case WorkCredit:
                _slotBusy[slot] = false;
                CompleteExample();
                break;
        }
    }

    /// <inheritdoc/>
    protected override void RunOwnJob(ref int budget)
    {
        switch (Job)
        {
            case JobForward:
                ForwardStep(ref budget);
                break;
            case JobErrors:
                if (SendRoundRobin(FlowKind.Error, _errors, ref budget))
                {
                    Job = NoJob;
                    _slotBusy[JobSlot] = false;
                    CompleteExample();
                }

                break;
        }
    }

    /// <summary>
    /// Computes and sends the partial sums of the job's slot in index order
    /// (<c>p * filters + f</c>), in chunks of at most <see cref="ChunkChannels"/> channels:
    /// while the next partial's TDMA slot is further away than a chunk, the core computes
    /// ahead instead of waiting, so computing and pacing overlap.
    /// <see cref="BlockCore{T, TAcc, TOps}.JobIndex"/> counts the partials sent,
    /// <see cref="BlockCore{T, TAcc, TOps}.JobChannel"/> those computed.
    /// </summary>
    private void ForwardStep(ref int budget)
    {
        var context = Context;
        var count = _tileCount * _filters;
        var chunkPicoseconds = ChunkChannels * (Costs.MultiplyAccumulate + HandlerCosts.LoopStep) * context.Cost.CoreCyclePicoseconds;
        while (budget > 0 && JobIndex < count)
        {
            if (JobChannel > JobIndex)
            {
                var wait = Out.TimeToSlot(context, _partialChannel);
                if (wait == 0 || JobChannel == count || wait <= chunkPicoseconds)
                {
                    if (!Out.Send(context, _partialChannel, JobSlot, JobIndex, TOps.ToPayload(_partials[JobIndex])))
                    {
                        budget = 0; // the send queue is full: again in the next callback
                        return;
                    }

                    JobIndex++;
                    budget--;
                    continue;
                }
            }

            ComputeChunk();
        }

        if (JobIndex == count)
        {
            Job = NoJob;
            if (!Cursor.IsTraining && !_first)
            {
                // Inference: nothing of the slot is needed any more. (The first layer waits for the credit.)
                CompleteExample();
            }
        }
    }

    /// <summary>Adds the next chunk (one tap, up to <see cref="ChunkChannels"/> channels) to the partial being computed.</summary>
    private void ComputeChunk()
    {
        var p = JobChannel / _filters;
        var f = JobChannel % _filters;
        var kernelValues = _kernel * _channels;
        var row = _tapRow[(p * _kernel) + _chunkTap];
        if (row >= 0)
        {
            var length = Math.Min(ChunkChannels, _channels - _chunkChannel);
            var inputs = _inputs.AsSpan((JobSlot * _rowValues) + (row * _channels) + _chunkChannel, length);
            var weights = Trained.AsSpan((f * kernelValues) + (_chunkTap * _channels) + _chunkChannel, length);
            _chunkSum = TOps.DotAccumulate(_chunkSum, inputs, weights);
            Context.ChargeCycles((long)length * (Costs.MultiplyAccumulate + HandlerCosts.LoopStep));
            _chunkChannel += length;
        }
        else
        {
            _chunkChannel = _channels; // a padding tap: nothing to add
        }

        if (_chunkChannel >= _channels)
        {
            _chunkChannel = 0;
            _chunkTap++;
            if (_chunkTap == _kernel)
            {
                _chunkTap = 0;
                _partials[JobChannel] = TOps.Round(_chunkSum);
                _chunkSum = default;
                JobChannel++;
            }
        }
    }

    /// <summary>
    /// The partial input errors (with the batch's weights, before any update) and the
    /// gradient of the slot; then the errors are sent by a job, or the example completes.
    /// </summary>
    private void Backward(int slot)
    {
        var context = Context;
        var inputs = _inputs.AsSpan(slot * _rowValues, _rowValues);
        var deltas = _deltas.AsSpan(slot * _tileCount * _filters, _tileCount * _filters);
        var kernelValues = _kernel * _channels;
        long macs = 0;
        for (var p = 0; p < _tileCount; p++)
        {
            macs += (long)_tapsAt[p] * _channels * _filters;
        }

        if (_sendsErrors)
        {
            // e[q, c] = sum over the (p, k) reading q and every f of W[f, k, c] delta[p, f].
            _errorSums.AsSpan().Clear();
            for (var p = 0; p < _tileCount; p++)
            {
                for (var f = 0; f < _filters; f++)
                {
                    var d = deltas[(p * _filters) + f];
                    var weights = Trained.AsSpan(f * kernelValues, kernelValues);
                    for (var k = 0; k < _kernel; k++)
                    {
                        var row = _tapRow[(p * _kernel) + k];
                        if (row >= 0)
                        {
                            TOps.AccumulateScaled(_errorSums.AsSpan(row * _channels, _channels), weights.Slice(k * _channels, _channels), d);
                        }
                    }
                }
            }

            for (var i = 0; i < _rowValues; i++)
            {
                _errors[i] = TOps.Round(_errorSums[i]);
            }

            context.ChargeCycles((macs * (Costs.MultiplyAccumulate + HandlerCosts.LoopStep)) + ((long)_rowValues * HandlerCosts.LoopStep));
        }

        // G[f, k, c] += sum_p x[p s + k - pad, c] delta[p, f].
        for (var p = 0; p < _tileCount; p++)
        {
            for (var f = 0; f < _filters; f++)
            {
                var d = deltas[(p * _filters) + f];
                var gradient = Gradient.AsSpan(f * kernelValues, kernelValues);
                for (var k = 0; k < _kernel; k++)
                {
                    var row = _tapRow[(p * _kernel) + k];
                    if (row >= 0)
                    {
                        TOps.AccumulateScaled(gradient.Slice(k * _channels, _channels), inputs.Slice(row * _channels, _channels), d);
                    }
                }
            }
        }

        context.ChargeCycles(macs * (Costs.MultiplyAccumulate + HandlerCosts.LoopStep));
        if (_sendsErrors)
        {
            StartJob(JobErrors, slot);
        }
        else
        {
            _slotBusy[slot] = false;
            CompleteExample();
        }
    }

    /// <inheritdoc/>
    protected override void RequeueParked(int slot) => Work.Add(Context, WorkForward, slot);

    /// <inheritdoc/>
    protected override void OnAdvanced()
    {
        if (_first)
        {
            StartExamples();
        }
    }

    /// <summary>First layer: reads the next examples' rows into their slots while the slots are free, and queues their forward passes.</summary>
    private void StartExamples()
    {
        var context = Context;
        while (!Cursor.Finished && Cursor.Started < Cursor.Share && !AwaitingUpdate)
        {
            var slot = (int)(_sequencePosition % Slots);
            if (_slotBusy[slot])
            {
                return;
            }

            var dataRow = ReadScheduleEntry(_sequencePosition);
            var inputs = _inputs.AsSpan(slot * _rowValues, _rowValues);
            if (_inputBytes == 1)
            {
                var row = _row.AsSpan(0, _rowValues);
                context.ReadSdram<byte>(_inputRegion!, checked((int)((long)dataRow * _rowValues)), row);
                var palette = _palette;
                for (var i = 0; i < row.Length; i++)
                {
                    inputs[i] = palette[row[i]];
                }

                context.ChargeCycles((long)_rowValues * HandlerCosts.LoopStep);
            }
            else
            {
                context.ReadSdram(_inputRegion!, checked((int)((long)dataRow * _rowValues * 4)), inputs);
            }

            _slotBusy[slot] = true;
            Cursor.Started++;
            _sequencePosition++;
            Work.Add(context, WorkForward, slot);
        }
    }

    /// <summary>The data row of sequence position <paramref name="position"/>, from a DTCM copy of the next entries (refilled every <see cref="ScheduleEntriesPerRead"/>).</summary>
    private int ReadScheduleEntry(long position)
    {
        if (_scheduleBufferStart < 0 || position >= _scheduleBufferStart + ScheduleEntriesPerRead)
        {
            var total = _scheduleRegion!.Length / _scheduleBytes;
            var count = (int)Math.Min(ScheduleEntriesPerRead, total - position);
            Context.ReadSdram<byte>(_scheduleRegion, checked((int)(position * _scheduleBytes)), _scheduleBuffer.AsSpan(0, count * _scheduleBytes));
            _scheduleBufferStart = position;
        }

        var bytes = _scheduleBuffer.AsSpan((int)(position - _scheduleBufferStart) * _scheduleBytes, _scheduleBytes);
        return _scheduleBytes == 2 ? bytes[0] | (bytes[1] << 8) : MemoryMarshal.Read<int>(bytes);
    }
}
