using SpiNNaker.Toolchain.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// A fused core (docs/mapping-blocked.md, section 2): the whole kernel and bias of one tile
/// of a layer, or of a chain of consecutive whole layers, with the weight cores' and the sum
/// cores' work in one core. Forward it computes each layer's pre-activations itself, adds
/// the bias, applies the activation and hands the outputs to the next layer of the chain,
/// then sends the last layer's outputs on (no partial-sum packets, no packets inside the
/// chain). Backward it takes the errors of its outputs (or, holding the model's output, the
/// loss gradient), computes the deltas of every layer back through the chain, accumulates
/// their weight and bias gradients and sends the input errors of its first layer to the
/// previous layer. At each batch end it updates all its layers at once, alone or with its
/// group (conv tiles, replicas). In the first layer it reads its inputs from SDRAM and
/// starts the examples; holding the model's output it scores, predicts and reports.
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal sealed class FusedCore<T, TAcc, TOps> : BlockCore<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    private const int WorkForward = FirstOwnWork;
    private const int WorkBackward = FirstOwnWork + 1;
    private const int WorkCredit = FirstOwnWork + 2;

    private const int JobOutputs = FirstOwnJob;
    private const int JobErrors = FirstOwnJob + 1;
    private const int JobCredit = FirstOwnJob + 2;

    private bool _first;
    private bool _sendsErrors;
    private int _inputsPerSlot;
    private int _errorsPerSlot;
    private int _creditsPerSlot;
    private int _rowValues;
    private int _activationsPerSlot;
    private int _lastOutputs;
    private int _creditChannel = -1;

    private KernelBlock<T, TAcc, TOps>[] _blocks = null!;
    private int[] _activation = null!;
    private int[] _weightsAt = null!;
    private int[] _biasAt = null!;
    private int[] _outputsAt = null!;
    private PreloadedRows<T, TAcc, TOps> _rows = null!;
    private OutputScoring<T, TAcc, TOps>? _scoring;

    private T[] _inputs = null!;
    private T[] _activations = null!;
    private T[] _errorsIn = null!;
    private T[] _deltas = null!;
    private T[] _deltasBefore = null!;
    private TAcc[] _errorSums = null!;
    private T[] _errors = null!;
    private int[] _inputCount = null!;
    private int[] _errorCount = null!;
    private int[] _creditCount = null!;
    private bool[] _slotBusy = null!;

    private int Last => _blocks.Length - 1;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        var region = context.GetSdramRegion(RegionIds.Parameters);
        var bytes = new byte[region.Length];
        context.ReadSdram<byte>(region, 0, bytes);
        var reader = new DataRegionReader(bytes);
        ReadHeader(context, ref reader, FusedCoreParameters.FusedMagic);
        _first = reader.Int() != 0;
        _sendsErrors = reader.Int() != 0;
        var outputLayer = reader.Int() != 0;
        MemberIndex = reader.Int();
        MemberCount = reader.Int();
        _inputsPerSlot = reader.Int();
        _errorsPerSlot = reader.Int();
        _creditsPerSlot = reader.Int();
        var loss = (Loss)reader.Int();
        var lossWidth = reader.Int();
        var lossActivation = (Activation)reader.Int();
        var scores = reader.Int() != 0;
        var writesPredictions = reader.Int() != 0;
        var reportIndex = reader.Int();
        _rows = new PreloadedRows<T, TAcc, TOps>(context, ref reader);

        // The layers: each one's taps, and where its weights, bias and outputs live.
        var count = reader.Int();
        _blocks = new KernelBlock<T, TAcc, TOps>[count];
        _activation = context.AllocateDtcm<int>(count);
        _weightsAt = context.AllocateDtcm<int>(count);
        _biasAt = context.AllocateDtcm<int>(count);
        _outputsAt = context.AllocateDtcm<int>(count);
        var trained = 0;
        var maxOutputs = 0;
        var maxErrors = 0;
        for (var i = 0; i < count; i++)
        {
            var block = KernelBlock<T, TAcc, TOps>.Read(context, Costs, ref reader);
            _activation[i] = reader.Int();
            _blocks[i] = block;
            _weightsAt[i] = trained;
            _biasAt[i] = trained + block.Weights;
            trained += block.Weights + block.Filters;
            _outputsAt[i] = _activationsPerSlot;
            _activationsPerSlot += block.Outputs;
            maxOutputs = Math.Max(maxOutputs, block.Outputs);
            if (i > 0)
            {
                maxErrors = Math.Max(maxErrors, block.RowValues);
            }
        }

        _rowValues = _blocks[0].RowValues;
        _lastOutputs = _blocks[Last].Outputs;
        if (_sendsErrors)
        {
            maxErrors = Math.Max(maxErrors, _rowValues);
        }

        Trained = context.AllocateDtcm<T>(trained);
        context.ReadSdram<T>(context.GetSdramRegion(RegionIds.Weights), 0, Trained);
        Gradient = context.AllocateDtcm<TAcc>(Training ? trained : 0);
        _inputs = context.AllocateDtcm<T>(Slots * _rowValues);
        _activations = context.AllocateDtcm<T>(Slots * _activationsPerSlot);
        _errorsIn = context.AllocateDtcm<T>(Training && !outputLayer ? Slots * _lastOutputs : 0);
        _deltas = context.AllocateDtcm<T>(Training ? maxOutputs : 0);
        _deltasBefore = context.AllocateDtcm<T>(Training ? maxOutputs : 0);
        _errorSums = context.AllocateDtcm<TAcc>(Training ? maxErrors : 0);
        _errors = context.AllocateDtcm<T>(_sendsErrors ? _rowValues : 0);
        _inputCount = context.AllocateDtcm<int>(Slots);
        _errorCount = context.AllocateDtcm<int>(Slots);
        _creditCount = context.AllocateDtcm<int>(Slots);
        _slotBusy = context.AllocateDtcm<bool>(Slots);
        if (outputLayer)
        {
            _scoring = new OutputScoring<T, TAcc, TOps>(context, Costs, Slots, _lastOutputs, loss, lossWidth, lossActivation, scores, writesPredictions, reportIndex, _rows.ScheduleBytes);
        }

        if (_first)
        {
            _rows.Open(context, _rowValues);
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
            case FlowKind.Output:
                _inputs[(slot * _rowValues) + local] = value;
                if (++_inputCount[slot] == _inputsPerSlot)
                {
                    _inputCount[slot] = 0;
                    Work.Add(context, WorkForward, slot);
                }

                break;
            case FlowKind.Error:
            {
                context.ChargeCycles(Costs.Add);
                var at = (slot * _lastOutputs) + local;
                _errorsIn[at] = TOps.Add(_errorsIn[at], value);
                if (++_errorCount[slot] == _errorsPerSlot)
                {
                    _errorCount[slot] = 0;
                    Work.Add(context, WorkBackward, slot);
                }

                break;
            }

            case FlowKind.Credit:
                if (++_creditCount[slot] == _creditsPerSlot)
                {
                    _creditCount[slot] = 0;
                    Work.Add(context, WorkCredit, slot);
                }

                break;
            default:
                throw new InvalidOperationException($"core {context.Location}: a fused core does not receive {kind} packets");
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
                    Forward(slot);
                }

                break;
            case WorkBackward:
            {
                var errors = _errorsIn.AsSpan(slot * _lastOutputs, _lastOutputs);
                var deltas = _deltas.AsSpan(0, _lastOutputs);
                errors.CopyTo(deltas);
                errors.Clear();
                Context.ChargeCycles((long)_lastOutputs * HandlerCosts.LoopStep);
                BiasActivation<T, TAcc, TOps>.Derivative(Context, Costs, (Activation)_activation[Last], Outputs(slot, Last), deltas, _blocks[Last].Filters);
                Backward(slot);
                break;
            }

            case WorkCredit:
                FreeSlot(slot);
                break;
        }
    }

    /// <inheritdoc/>
    protected override void RunOwnJob(ref int budget)
    {
        switch (Job)
        {
            case JobOutputs:
                if (SendRoundRobin(FlowKind.Output, Outputs(JobSlot, Last), ref budget))
                {
                    Job = NoJob;
                    if (!Cursor.IsTraining && !_first)
                    {
                        // Inference: nothing of the slot is needed any more. (The first layer waits for the credits.)
                        CompleteExample();
                    }
                }

                break;
            case JobErrors:
                if (SendRoundRobin(FlowKind.Error, _errors, ref budget))
                {
                    Job = NoJob;
                    FinishBackward(JobSlot);
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
                OwnCredit(JobSlot);
                break;
        }
    }

    /// <summary>The outputs of layer <paramref name="layer"/> for <paramref name="slot"/>.</summary>
    private Span<T> Outputs(int slot, int layer) =>
        _activations.AsSpan((slot * _activationsPerSlot) + _outputsAt[layer], _blocks[layer].Outputs);

    /// <summary>The inputs of layer <paramref name="layer"/> for <paramref name="slot"/>: the slot's inputs, or the previous layer's outputs.</summary>
    private Span<T> Inputs(int slot, int layer) =>
        layer == 0 ? _inputs.AsSpan(slot * _rowValues, _rowValues) : Outputs(slot, layer - 1);

    /// <summary>Every layer forward; then the outputs go on, or (holding the model's output) the example is scored and goes backward.</summary>
    private void Forward(int slot)
    {
        for (var i = 0; i <= Last; i++)
        {
            var block = _blocks[i];
            var outputs = Outputs(slot, i);
            block.Forward(Inputs(slot, i), Trained.AsSpan(_weightsAt[i], block.Weights), outputs);
            BiasActivation<T, TAcc, TOps>.Forward(Context, Costs, (Activation)_activation[i], outputs, Trained.AsSpan(_biasAt[i], block.Filters), outputs, block.Filters);
        }

        if (_scoring is null)
        {
            StartJob(JobOutputs, slot);
            return;
        }

        var last = Outputs(slot, Last);
        var position = _scoring.Score(slot, last);
        if (!Cursor.IsTraining)
        {
            _scoring.WritePrediction(position);
            if (_creditChannel >= 0)
            {
                StartJob(JobCredit, slot);
            }
            else
            {
                OwnCredit(slot);
            }

            return;
        }

        _scoring.Deltas((Activation)_activation[Last], last, _deltas.AsSpan(0, _lastOutputs), Cursor.Sequence.PhaseExamples(Cursor.Phase) * RowsPerExample, _blocks[Last].Filters);
        Backward(slot);
    }

    /// <summary>
    /// From the last layer's deltas back through the chain: each layer's bias and weight
    /// gradient, and the errors of its inputs (with the batch's weights), which become the
    /// previous layer's deltas inside the core or, at the first layer, are sent.
    /// </summary>
    private void Backward(int slot)
    {
        var deltas = _deltas;
        var before = _deltasBefore;
        for (var i = Last; i >= 0; i--)
        {
            var block = _blocks[i];
            var delta = deltas.AsSpan(0, block.Outputs);
            var weights = Trained.AsSpan(_weightsAt[i], block.Weights);
            BiasActivation<T, TAcc, TOps>.AccumulateBias(Context, Costs, delta, Gradient.AsSpan(_biasAt[i], block.Filters), block.Filters);
            if (i > 0)
            {
                var errors = before.AsSpan(0, block.RowValues);
                block.Errors(weights, delta, _errorSums.AsSpan(0, block.RowValues), errors);
                BiasActivation<T, TAcc, TOps>.Derivative(Context, Costs, (Activation)_activation[i - 1], Outputs(slot, i - 1), errors, _blocks[i - 1].Filters);
            }
            else if (_sendsErrors)
            {
                block.Errors(weights, delta, _errorSums.AsSpan(0, _rowValues), _errors);
            }

            block.AccumulateGradient(Inputs(slot, i), delta, Gradient.AsSpan(_weightsAt[i], block.Weights));
            (deltas, before) = (before, deltas);
        }

        if (_sendsErrors)
        {
            StartJob(JobErrors, slot);
        }
        else
        {
            FinishBackward(slot);
        }
    }

    /// <summary>The example's backward pass is done here: a first-layer core frees the slot.</summary>
    private void FinishBackward(int slot)
    {
        if (_first)
        {
            _slotBusy[slot] = false;
        }

        CompleteExample();
    }

    /// <summary>This output core has finished an inference example: its own credit, without a packet, when it also starts examples.</summary>
    private void OwnCredit(int slot)
    {
        if (!_first)
        {
            CompleteExample();
            return;
        }

        Context.ChargeCycles(HandlerCosts.Store);
        if (++_creditCount[slot] == _creditsPerSlot)
        {
            _creditCount[slot] = 0;
            FreeSlot(slot);
        }
    }

    /// <summary>Every output core has finished the slot's inference example: the slot is free.</summary>
    private void FreeSlot(int slot)
    {
        _slotBusy[slot] = false;
        CompleteExample();
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

    /// <inheritdoc/>
    protected override void OnPhaseEnd() => _scoring?.Report(Cursor.Phase);
}
