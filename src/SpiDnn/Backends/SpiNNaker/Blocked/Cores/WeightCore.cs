using SpiNNaker.Toolchain.Data;
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
    private const int JobErrors = FirstOwnJob + 1;

    /// <summary>Channels of one compute chunk of a partial sum (about 16 float multiply-accumulates, 7 us).</summary>
    private const int ChunkChannels = 16;

    private bool _first;
    private bool _sendsErrors;
    private int _rowValues;
    private int _outputs;
    private int _inputsPerSlot;
    private int _creditsPerSlot;
    private int _partialChannel = -1;

    private KernelBlock<T, TAcc, TOps> _block = null!;
    private PreloadedRows<T, TAcc, TOps> _rows = null!;
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

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        var reader = new DataRegionReader(ReadParameters(context));
        ReadHeader(context, ref reader, WeightCoreParameters.WeightMagic);
        _first = reader.Int() != 0;
        _sendsErrors = reader.Int() != 0;
        _block = KernelBlock<T, TAcc, TOps>.Read(context, Costs, ref reader);
        MemberIndex = reader.Int();
        MemberCount = reader.Int();
        _inputsPerSlot = reader.Int();
        _creditsPerSlot = reader.Int();
        _rows = new PreloadedRows<T, TAcc, TOps>(context, ref reader);

        Trained = context.AllocateDtcm<T>(_block.Weights);
        context.ReadSdram<T>(context.GetSdramRegion(RegionIds.Weights), 0, Trained);
        Gradient = context.AllocateDtcm<TAcc>(Training ? _block.Weights : 0);

        _rowValues = _block.RowValues;
        _outputs = _block.Outputs;
        _inputs = context.AllocateDtcm<T>(Slots * _rowValues);
        _deltas = context.AllocateDtcm<T>(Slots * _outputs);
        _inputCount = context.AllocateDtcm<int>(Slots);
        _deltaCount = context.AllocateDtcm<int>(Slots);
        _creditCount = context.AllocateDtcm<int>(Slots);
        _slotBusy = context.AllocateDtcm<bool>(Slots);
        _partials = context.AllocateDtcm<T>(_outputs);
        _errorSums = context.AllocateDtcm<TAcc>(_sendsErrors ? _rowValues : 0);
        _errors = context.AllocateDtcm<T>(_sendsErrors ? _rowValues : 0);
        if (_first)
        {
            _rows.Open(context, _rowValues);
        }

        ReadKeysAndStart(ref reader);
        _partialChannel = Out.ChannelOf(FlowKind.Partial);
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
                _deltas[(slot * _outputs) + local] = value;
                if (++_deltaCount[slot] == _outputs)
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
        var count = _outputs;
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
        var block = _block;
        var p = JobChannel / block.Filters;
        var f = JobChannel % block.Filters;
        var channels = block.Channels;
        if (block.TapRow(p, _chunkTap) >= 0)
        {
            var length = Math.Min(ChunkChannels, channels - _chunkChannel);
            _chunkSum = block.DotChunk(_chunkSum, _inputs.AsSpan(JobSlot * _rowValues, _rowValues), Trained, p, f, _chunkTap, _chunkChannel, length);
            _chunkChannel += length;
        }
        else
        {
            _chunkChannel = channels; // a padding tap: nothing to add
        }

        if (_chunkChannel >= channels)
        {
            _chunkChannel = 0;
            _chunkTap++;
            if (_chunkTap == block.Kernel)
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
        var inputs = _inputs.AsSpan(slot * _rowValues, _rowValues);
        var deltas = _deltas.AsSpan(slot * _outputs, _outputs);
        if (_sendsErrors)
        {
            _block.Errors(Trained, deltas, _errorSums, _errors);
        }

        _block.AccumulateGradient(inputs, deltas, Gradient);
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
            StartExamples(_rows, _inputs, _slotBusy, WorkForward);
        }
    }
}
