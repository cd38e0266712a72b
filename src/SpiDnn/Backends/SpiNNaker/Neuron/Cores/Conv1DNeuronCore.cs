using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// One Conv1D neuron on one core: one output position of the layer, all its filters, as in
/// the seed (no padding neurons: kernel positions outside the input are skipped through the
/// lower and upper padding offsets).
/// </summary>
/// <remarks>
/// <para>Forward: every connected predecessor sends its channels in order with one key; a
/// counter per connection gives the channel. On a tick with all inputs in, the neuron computes
/// every filter (softmax over the filters locally) and sends the values in filter order, with
/// one key per filter when its output is flattened (a Dense layer, the loss or the host reads
/// it) or one key for all of them otherwise, spending the seed's constant delay after each
/// packet.</para>
/// <para>Training: the errors of its filters come from the loss, from a Dense layer (multicast
/// each error: the packets at this position's place in each sender's sequence; shared
/// parameters: one error per Dense neuron weighted by this neuron's copy of its rows of the
/// Dense kernel) or from a Conv1D layer (multicast each error: the packets for this position's
/// slot of each successor's window). After applying the activation derivative the neuron sends
/// its errors backwards (multicast each error: one per window input and channel; shared
/// parameters: one per filter), and shares its kernel gradient for the example with the rest of
/// the layer on the kernel-update partition: every neuron writes each neuron's contribution
/// into a row of an SDRAM slot table (double-buffered by example parity, since a neighbour may
/// be one example ahead) and sums the rows in position order, so every copy of the kernel
/// changes identically, bit for bit. Weights change at the end of each batch; after the last
/// example they go back to the weights region.</para>
/// </remarks>
internal sealed class Conv1DNeuronCore : NeuronCore
{
    /// <summary>Floats read from the slot table per SDRAM access when summing kernel gradients.</summary>
    private const int SlotChunk = 64;

    private Conv1DParameters _p = null!;
    private Conv1DTraining? _t;
    private int _window;
    private int _channels;
    private int _filters;
    private int _kernelWidth;
    private int _filterStride;
    private int _weightCount;
    private int _layerSize;
    private float[] _weights = [];
    private float[] _inputs = [];
    private uint[] _inputCounters = [];
    private float[] _outputs = [];
    private float[] _errors = [];
    private float[] _dz = [];
    private float[] _batchGradients = [];
    private float[] _chunk = [];
    private float[] _nextWeights = [];
    private float[] _nextGradients = [];
    private uint[] _successorCounters = [];
    private int[] _acceptFrom = [];
    private uint[] _kernelCounters = [];
    private int[] _kernelReceived = [];
    private SdramRegion? _slots;
    private int _inputsReceived;
    private int _errorPackets;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        Start(context);
        _p = Conv1DParameters.Decode(ReadWords(NeuronRegions.Parameters));
        _t = _p.Training;
        _window = _p.Window;
        _channels = _p.Channels;
        _filters = _p.Filters;
        _kernelWidth = _p.KernelSize * _channels;
        _filterStride = _kernelWidth + 1;
        _weightCount = _p.WeightCount;
        _layerSize = _p.LayerSize;
        CreateSendQueue(_filters + (_window * _channels) + 8);

        _weights = ReadFloats(NeuronRegions.Weights, _weightCount);
        _inputs = Core.AllocateDtcm<float>(_window * _channels);
        _inputCounters = Core.AllocateDtcm<uint>(_window);
        _outputs = Core.AllocateDtcm<float>(_filters);
        if (_t is not null)
        {
            _errors = Core.AllocateDtcm<float>(_filters);
            _dz = Core.AllocateDtcm<float>(_filters);
            _batchGradients = Core.AllocateDtcm<float>(_weightCount);
            if (_t.SuccessorKind != ConvSuccessorKind.Loss)
            {
                if (_t.Variant == BackwardVariant.MulticastEachError)
                {
                    _successorCounters = Core.AllocateDtcm<uint>(_t.SuccessorCount);
                    _acceptFrom = Core.AllocateDtcm<int>(_t.SuccessorCount);
                    _t.AcceptFrom.CopyTo(_acceptFrom, 0);
                }
                else
                {
                    _nextWeights = ReadFloats(NeuronRegions.NextWeights, _filters * _t.SuccessorCount);
                    _nextGradients = Core.AllocateDtcm<float>(_nextWeights.Length);
                }
            }
            if (_layerSize > 1)
            {
                _kernelCounters = Core.AllocateDtcm<uint>(_layerSize);
                _kernelReceived = Core.AllocateDtcm<int>(2);
                _chunk = Core.AllocateDtcm<float>(SlotChunk);
                _slots = Core.AllocateSdram(NeuronRegions.KernelSlots, checked(2 * _layerSize * _weightCount * sizeof(float)));
            }
        }

        EnterForward();
        StartTimer(_p.Examples, _p.Timing);
    }

    /// <inheritdoc/>
    public override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        Core.ChargeCycles(KeyDecodeCycles);
        var value = ToFloat(payload);
        var input = key - _p.MinInputKey;
        if (input < (uint)_window)
        {
            ReceiveInput((int)input, value);
            return;
        }
        if (_t is not null)
        {
            if (_layerSize > 1)
            {
                var peer = key - _t.MinKernelUpdateKey;
                if (peer < (uint)_layerSize)
                {
                    ReceiveKernelGradient((int)peer, value);
                    return;
                }
            }
            var successor = key - _t.MinSuccessorKey;
            if (successor < (uint)_t.SuccessorCount)
            {
                ReceiveError((int)successor, value);
                return;
            }
        }
        Unexpected++;
    }

    /// <inheritdoc/>
    protected override void Tick()
    {
        switch (Stage)
        {
            case CoreStage.Forward when _inputsReceived == _window * _channels:
                ComputeForward();
                break;
            case CoreStage.Backward when _errorPackets == (int)Expected:
                ComputeBackward();
                break;
            case CoreStage.KernelUpdate when _kernelReceived[ExamplesDone & 1] == (_layerSize - 1) * _weightCount:
                SumKernelGradients();
                FinishExample();
                break;
        }
    }

    /// <summary>Kernel-update stream: this neuron's gradient contribution i for the current example.</summary>
    protected override float StreamPayload(int index) => Contribution(index);

    private void ReceiveInput(int connection, float value)
    {
        var channel = _inputCounters[connection];
        if (channel >= (uint)_channels)
        {
            throw new InvalidOperationException(
                $"Conv1D neuron {_p.Position} received more than {_channels} channels from connection {connection} for example {Example}: the previous example was not processed yet");
        }
        _inputs[(connection * _channels) + (int)channel] = value;
        _inputCounters[connection] = channel + 1;
        _inputsReceived++;
        if (Stage == CoreStage.Forward)
        {
            Received = (uint)_inputsReceived;
        }
    }

    private void ReceiveError(int successor, float value)
    {
        var t = _t!;
        switch (t.SuccessorKind)
        {
            case ConvSuccessorKind.Loss:
                Core.ChargeCycles(Float.Add);
                _errors[successor] += value;
                break;
            case ConvSuccessorKind.Dense when t.Variant == BackwardVariant.SharedParameters:
                Core.ChargeCycles(2 * _filters * Float.MultiplyAccumulate);
                for (var f = 0; f < _filters; f++)
                {
                    var i = (f * t.SuccessorCount) + successor;
                    _errors[f] += value * _nextWeights[i];
                    _nextGradients[i] += value * _outputs[f];
                }
                break;
            default:
                // Multicast each error: keep the packets at this neuron's place in the sequence.
                var filter = (int)_successorCounters[successor]++ - _acceptFrom[successor];
                if ((uint)filter < (uint)_filters)
                {
                    Core.ChargeCycles(Float.Add);
                    _errors[filter] += value;
                }
                break;
        }
        _errorPackets++;
        if (Stage == CoreStage.Backward)
        {
            Received = (uint)_errorPackets;
        }
    }

    private void ReceiveKernelGradient(int peer, float value)
    {
        // Each peer sends its whole contribution once per example, in order: the counter gives
        // the weight and, divided by the weight count, the example, whose parity picks the buffer.
        var count = (int)_kernelCounters[peer]++;
        Core.ChargeCycles(Core.Cost.FixedPointArithmetic.Divide);
        var example = count / _weightCount;
        var index = count - (example * _weightCount);
        var buffer = example & 1;
        Span<float> one = [value];
        Core.WriteSdram<float>(_slots!, SlotOffset(buffer, peer, index), one);
        _kernelReceived[buffer]++;
        if (Stage == CoreStage.KernelUpdate && buffer == (ExamplesDone & 1))
        {
            Received = (uint)_kernelReceived[buffer];
        }
    }

    private void ComputeForward()
    {
        var lower = _p.LowerPadding;
        Core.ChargeCycles((_filters * ((_window * _channels * Float.MultiplyAccumulate) + Float.Add)) + (_window * ResetCyclesPerElement));
        for (var f = 0; f < _filters; f++)
        {
            var offset = (f * _filterStride) + (lower * _channels);
            var z = _weights[(f * _filterStride) + _kernelWidth];
            for (var i = 0; i < _window * _channels; i++)
            {
                z += _weights[offset + i] * _inputs[i];
            }
            _outputs[f] = z;
        }
        Array.Clear(_inputCounters);
        _inputsReceived = 0;

        if (_p.Activation == Activation.Softmax)
        {
            Core.ChargeCycles(_filters * (Float.Exp + Float.Add + Float.Divide));
            var sum = 0f;
            for (var f = 0; f < _filters; f++)
            {
                _outputs[f] = MathF.Exp(_outputs[f]);
                sum += _outputs[f];
            }
            for (var f = 0; f < _filters; f++)
            {
                _outputs[f] /= sum;
            }
        }
        else
        {
            for (var f = 0; f < _filters; f++)
            {
                _outputs[f] = CoreActivation.Apply(_p.Activation, _outputs[f], Core, Float);
            }
        }

        for (var f = 0; f < _filters; f++)
        {
            PostSpaced(_p.Flattened ? _p.ForwardKey + (uint)f : _p.ForwardKey, _outputs[f], _p.Timing.FilterSpacingCycles);
        }

        if (_t is null)
        {
            CountExample();
            if (!FinishAfterLast(_p.Examples, null))
            {
                EnterForward();
            }
            return;
        }
        Stage = CoreStage.Backward;
        Expected = (uint)_t.ErrorPackets;
        Received = (uint)_errorPackets;
    }

    private void ComputeBackward()
    {
        var t = _t!;
        if (t.ErrorIsPreActivation)
        {
            _errors.CopyTo(_dz, 0);
        }
        else if (_p.Activation == Activation.Softmax)
        {
            // The softmax Jacobian over this position's filters: dz_f = y_f (g_f - sum_j g_j y_j).
            Core.ChargeCycles(_filters * (Float.MultiplyAccumulate + Float.Add + Float.Multiply));
            var dot = 0f;
            for (var f = 0; f < _filters; f++)
            {
                dot += _errors[f] * _outputs[f];
            }
            for (var f = 0; f < _filters; f++)
            {
                _dz[f] = _outputs[f] * (_errors[f] - dot);
            }
        }
        else
        {
            for (var f = 0; f < _filters; f++)
            {
                _dz[f] = CoreActivation.Backward(_p.Activation, _outputs[f], _errors[f], Core, Float);
            }
        }
        Array.Clear(_errors);
        _errorPackets = 0;
        if (_successorCounters.Length > 0)
        {
            Core.ChargeCycles(_successorCounters.Length * ResetCyclesPerElement);
            Array.Clear(_successorCounters);
        }

        if (_layerSize > 1)
        {
            // The kernel-gradient stream goes out before the errors: no predecessor can finish
            // (and no next example can overwrite the inputs the stream reads) before it has left.
            WriteOwnContribution();
            PostStream(t.KernelUpdateKey, _weightCount, _p.Timing.ErrorSpacingCycles);
        }
        else
        {
            Core.ChargeCycles(_weightCount * Float.MultiplyAccumulate);
            for (var i = 0; i < _weightCount; i++)
            {
                _batchGradients[i] += Contribution(i);
            }
        }

        if (!t.IsFirst)
        {
            if (t.Variant == BackwardVariant.MulticastEachError)
            {
                // One packet per window input and channel, multicast to every connected predecessor.
                var lower = _p.LowerPadding;
                for (var i = 0; i < _window * _channels; i++)
                {
                    Core.ChargeCycles(_filters * Float.MultiplyAccumulate);
                    var error = 0f;
                    for (var f = 0; f < _filters; f++)
                    {
                        error += _dz[f] * _weights[(f * _filterStride) + (lower * _channels) + i];
                    }
                    PostSpaced(t.BackwardKey, error, _p.Timing.ErrorSpacingCycles);
                }
            }
            else
            {
                for (var f = 0; f < _filters; f++)
                {
                    PostSpaced(t.BackwardKey, _dz[f], _p.Timing.ErrorSpacingCycles);
                }
            }
        }

        if (_layerSize > 1)
        {
            Stage = CoreStage.KernelUpdate;
            Expected = (uint)((_layerSize - 1) * _weightCount);
            Received = (uint)_kernelReceived[ExamplesDone & 1];
            return;
        }
        FinishExample();
    }

    /// <summary>Gradient contribution i of this example: dz_f times the input under kernel slot (k, c), or dz_f for a bias.</summary>
    private float Contribution(int index)
    {
        Core.ChargeCycles(Core.Cost.FixedPointArithmetic.Divide + Float.Multiply);
        var f = index / _filterStride;
        var r = index - (f * _filterStride);
        if (r == _kernelWidth)
        {
            return _dz[f];
        }
        var k = (r / _channels) - _p.LowerPadding;
        if ((uint)k >= (uint)_window)
        {
            return 0f;
        }
        return _dz[f] * _inputs[(k * _channels) + (r % _channels)];
    }

    private void WriteOwnContribution()
    {
        var buffer = ExamplesDone & 1;
        for (var start = 0; start < _weightCount; start += SlotChunk)
        {
            var count = Math.Min(SlotChunk, _weightCount - start);
            for (var i = 0; i < count; i++)
            {
                _chunk[i] = Contribution(start + i);
            }
            Core.WriteSdram<float>(_slots!, SlotOffset(buffer, _p.Position, start), _chunk.AsSpan(0, count));
        }
    }

    /// <summary>Adds the example's kernel gradient, the slot rows summed in position order, to the batch gradient.</summary>
    private void SumKernelGradients()
    {
        var buffer = ExamplesDone & 1;
        for (var peer = 0; peer < _layerSize; peer++)
        {
            for (var start = 0; start < _weightCount; start += SlotChunk)
            {
                var count = Math.Min(SlotChunk, _weightCount - start);
                Core.ReadSdram<float>(_slots!, SlotOffset(buffer, peer, start), _chunk.AsSpan(0, count));
                Core.ChargeCycles(count * Float.Add);
                for (var i = 0; i < count; i++)
                {
                    _batchGradients[start + i] += _chunk[i];
                }
            }
        }
        _kernelReceived[buffer] = 0;
    }

    private void FinishExample()
    {
        var t = _t!;
        Core.ChargeCycles(2 * Core.Cost.FixedPointArithmetic.Divide);
        if (t.Schedule.EndsBatch(ExamplesDone))
        {
            var rate = t.Schedule.LearningRate;
            Core.ChargeCycles(_weightCount * (Float.Multiply + Float.Add + ResetCyclesPerElement));
            for (var i = 0; i < _weightCount; i++)
            {
                _weights[i] -= rate * _batchGradients[i];
            }
            Array.Clear(_batchGradients);
            if (_nextWeights.Length > 0)
            {
                Core.ChargeCycles(_nextWeights.Length * (Float.Multiply + Float.Add + ResetCyclesPerElement));
                for (var i = 0; i < _nextWeights.Length; i++)
                {
                    _nextWeights[i] -= rate * _nextGradients[i];
                }
                Array.Clear(_nextGradients);
            }
        }
        CountExample();
        if (t.IsFirst)
        {
            Post(t.BackwardKey, _dz[0]);
        }
        if (!FinishAfterLast(_p.Examples, _weights))
        {
            EnterForward();
        }
    }

    private int SlotOffset(int buffer, int peer, int index) =>
        ((((buffer * _layerSize) + peer) * _weightCount) + index) * sizeof(float);

    private void EnterForward()
    {
        Stage = CoreStage.Forward;
        Expected = (uint)(_window * _channels);
        Received = (uint)_inputsReceived;
    }
}
