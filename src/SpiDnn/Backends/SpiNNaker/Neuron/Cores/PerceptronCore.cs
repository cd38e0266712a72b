using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// One Dense neuron on one core: the seed's perceptron, its softmax variant and its trainable
/// variant in one program (the seed compiled them from one source with <c>#ifdef</c>s).
/// </summary>
/// <remarks>
/// <para>Forward: a packet with key <c>MinInputKey + i</c> stores input i (receiving an input
/// twice before the example is done is the seed's "received potential too fast" error). On a
/// timer tick, when all inputs are in, the neuron computes <c>z = b + sum w_i x_i</c> and sends
/// its activation with its forward key. A softmax neuron first sends <c>exp(z)</c> on the
/// softmax partition and, on a later tick when every other neuron's value is in, sends
/// <c>exp(z) / sum</c>.</para>
/// <para>Backward (training): the error arrives from the loss vertex (output layer) or from
/// the next layer. With <see cref="BackwardVariant.MulticastEachError"/> every next neuron
/// sends one packet per input, in input order, and this neuron keeps the packet at its own
/// position (a counter per next neuron); with <see cref="BackwardVariant.SharedParameters"/>
/// every next neuron sends its error once and this neuron weights it with its copy of the
/// next kernel row (and accumulates that row's gradient). On a tick the neuron applies the
/// activation derivative (softmax: exchanging error times output with the layer for the full
/// Jacobian), accumulates its weight gradients, sends its error backwards and, at the end of
/// a batch, updates its weights. A first-layer neuron sends one packet to the host instead:
/// the "pong" of the ping-pong protocol. After the last example the trained weights go back
/// to the weights region and the core finishes.</para>
/// </remarks>
internal sealed class PerceptronCore : NeuronCore
{
    private PerceptronParameters _p = null!;
    private PerceptronTraining? _t;
    private int _n;
    private float[] _inputs = [];
    private byte[] _inputReceived = [];
    private float[] _weights = [];
    private float[] _gradients = [];
    private float[] _nextWeights = [];
    private float[] _nextGradients = [];
    private uint[] _successorCounters = [];
    private int _inputsReceived;
    private float _output;
    private float _exp;
    private float _softmaxSum;
    private int _softmaxReceived;
    private float _errorSoftmaxSum;
    private int _errorSoftmaxReceived;
    private float _errorTimesOutput;
    private float _error;
    private int _errorPackets;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        Start(context);
        _p = PerceptronParameters.Decode(ReadWords(NeuronRegions.Parameters));
        _t = _p.Training;
        _n = _p.InputCount;
        var multicastsErrors = _t is { IsFirst: false, Variant: BackwardVariant.MulticastEachError };
        CreateSendQueue(multicastsErrors ? _n + 4 : 4);

        _weights = ReadFloats(NeuronRegions.Weights, _n + 1);
        _inputs = Core.AllocateDtcm<float>(_n);
        _inputReceived = Core.AllocateDtcm<byte>(_n);
        if (_t is not null)
        {
            _gradients = Core.AllocateDtcm<float>(_n + 1);
            if (!_t.IsOutput && _t.Variant == BackwardVariant.SharedParameters)
            {
                _nextWeights = ReadFloats(NeuronRegions.NextWeights, _t.SuccessorCount);
                _nextGradients = Core.AllocateDtcm<float>(_t.SuccessorCount);
            }
            if (!_t.IsOutput && _t.Variant == BackwardVariant.MulticastEachError)
            {
                _successorCounters = Core.AllocateDtcm<uint>(_t.SuccessorCount);
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
        if (input < (uint)_n)
        {
            ReceiveInput((int)input, value);
            return;
        }
        if (_p.SoftmaxGroupSize > 1 && key - _p.MinSoftmaxKey < (uint)_p.SoftmaxGroupSize)
        {
            ReceiveSoftmax(value);
            return;
        }
        if (_t is not null)
        {
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
            case CoreStage.Forward when _inputsReceived == _n:
                ComputeForward();
                break;
            case CoreStage.SoftmaxForward when _softmaxReceived == _p.SoftmaxGroupSize - 1:
                Core.ChargeCycles(Float.Add + Float.Divide);
                var y = _exp / (_softmaxSum + _exp);
                _softmaxSum = 0f;
                _softmaxReceived = 0;
                SendOutput(y);
                break;
            case CoreStage.Backward when _errorPackets == (int)Expected:
                ComputeBackward();
                break;
            case CoreStage.SoftmaxBackward when _errorSoftmaxReceived == _p.SoftmaxGroupSize - 1:
                // dz = y (g - sum_j g_j y_j): the softmax Jacobian applied to the errors.
                Core.ChargeCycles((2 * Float.Add) + Float.Multiply);
                var dot = _errorSoftmaxSum + _errorTimesOutput;
                _errorSoftmaxSum = 0f;
                _errorSoftmaxReceived = 0;
                FinishExample(_output * (_error - dot));
                break;
        }
    }

    private void ReceiveInput(int i, float value)
    {
        if (_inputReceived[i] != 0)
        {
            throw new InvalidOperationException(
                $"neuron {_p.NeuronIndex} received input {i} twice for example {Example}: the previous example was not processed yet");
        }
        _inputs[i] = value;
        _inputReceived[i] = 1;
        _inputsReceived++;
        if (Stage == CoreStage.Forward)
        {
            Received = (uint)_inputsReceived;
        }
    }

    private void ReceiveSoftmax(float value)
    {
        // The forward exchange of an example ends before any neuron of the layer can start its
        // backward exchange (that needs every output), so the stage tells the two apart.
        Core.ChargeCycles(Float.Add);
        if (Stage is CoreStage.Forward or CoreStage.SoftmaxForward)
        {
            _softmaxSum += value;
            _softmaxReceived++;
            if (Stage == CoreStage.SoftmaxForward)
            {
                Received = (uint)_softmaxReceived;
            }
        }
        else
        {
            _errorSoftmaxSum += value;
            _errorSoftmaxReceived++;
            if (Stage == CoreStage.SoftmaxBackward)
            {
                Received = (uint)_errorSoftmaxReceived;
            }
        }
    }

    private void ReceiveError(int successor, float value)
    {
        var t = _t!;
        if (t.IsOutput)
        {
            Core.ChargeCycles(Float.Add);
            _error += value;
        }
        else if (t.Variant == BackwardVariant.SharedParameters)
        {
            Core.ChargeCycles(2 * Float.MultiplyAccumulate);
            _error += value * _nextWeights[successor];
            _nextGradients[successor] += value * _output;
        }
        else if (_successorCounters[successor]++ == (uint)_p.NeuronIndex)
        {
            // Every next neuron multicasts one packet per input; keep the one at my position.
            Core.ChargeCycles(Float.Add);
            _error += value;
        }
        _errorPackets++;
        if (Stage == CoreStage.Backward)
        {
            Received = (uint)_errorPackets;
        }
    }

    private void ComputeForward()
    {
        Core.ChargeCycles((_n * (Float.MultiplyAccumulate + ResetCyclesPerElement)) + Float.Add);
        var z = _weights[_n];
        for (var i = 0; i < _n; i++)
        {
            z += _weights[i] * _inputs[i];
        }
        Array.Clear(_inputReceived);
        _inputsReceived = 0;

        if (_p.Activation != Activation.Softmax)
        {
            SendOutput(CoreActivation.Apply(_p.Activation, z, Core, Float));
            return;
        }
        if (_p.SoftmaxGroupSize == 1)
        {
            SendOutput(1f);
            return;
        }
        Core.ChargeCycles(Float.Exp);
        _exp = MathF.Exp(z);
        Post(_p.SoftmaxKey, _exp);
        Stage = CoreStage.SoftmaxForward;
        Expected = (uint)(_p.SoftmaxGroupSize - 1);
        Received = (uint)_softmaxReceived;
    }

    private void SendOutput(float y)
    {
        _output = y;
        Post(_p.ForwardKey, y);
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
        Expected = (uint)(_t.SuccessorCount * _t.PacketsPerSuccessor);
        Received = (uint)_errorPackets;
    }

    private void ComputeBackward()
    {
        var t = _t!;
        if (t.IsOutput && t.ErrorIsPreActivation)
        {
            FinishExample(_error);
            return;
        }
        if (_p.Activation != Activation.Softmax)
        {
            FinishExample(CoreActivation.Backward(_p.Activation, _output, _error, Core, Float));
            return;
        }
        Core.ChargeCycles(Float.Multiply);
        _errorTimesOutput = _error * _output;
        if (_p.SoftmaxGroupSize == 1)
        {
            Core.ChargeCycles(Float.Add + Float.Multiply);
            FinishExample(_output * (_error - _errorTimesOutput));
            return;
        }
        Post(_p.SoftmaxKey, _errorTimesOutput);
        Stage = CoreStage.SoftmaxBackward;
        Expected = (uint)(_p.SoftmaxGroupSize - 1);
        Received = (uint)_errorSoftmaxReceived;
    }

    /// <summary>Gradients, the backward sends, the batch-end update and the bookkeeping of one example, given dL/dz.</summary>
    private void FinishExample(float dz)
    {
        var t = _t!;
        Core.ChargeCycles(((_n + 1) * Float.MultiplyAccumulate) + Float.Add);
        for (var i = 0; i < _n; i++)
        {
            _gradients[i] += dz * _inputs[i];
        }
        _gradients[_n] += dz;

        if (!t.IsFirst)
        {
            if (t.Variant == BackwardVariant.MulticastEachError)
            {
                // The seed's loop: one packet per input, each multicast to every input neuron.
                for (var i = 0; i < _n; i++)
                {
                    Core.ChargeCycles(Float.Multiply);
                    PostSpaced(t.BackwardKey, dz * _weights[i], _p.Timing.ErrorSpacingCycles);
                }
            }
            else
            {
                Post(t.BackwardKey, dz);
            }
        }

        _error = 0f;
        _errorPackets = 0;
        if (_successorCounters.Length > 0)
        {
            Core.ChargeCycles(_successorCounters.Length * ResetCyclesPerElement);
            Array.Clear(_successorCounters);
        }

        Core.ChargeCycles(2 * Core.Cost.FixedPointArithmetic.Divide);
        if (t.Schedule.EndsBatch(ExamplesDone))
        {
            UpdateWeights(t.Schedule.LearningRate);
        }
        CountExample();
        if (t.IsFirst)
        {
            // The pong: the host sends the next example when every first-layer neuron is done.
            Post(t.BackwardKey, dz);
        }
        if (!FinishAfterLast(_p.Examples, _weights))
        {
            EnterForward();
        }
    }

    private void UpdateWeights(float learningRate)
    {
        Core.ChargeCycles((_n + 1) * (Float.Multiply + Float.Add + ResetCyclesPerElement));
        for (var i = 0; i <= _n; i++)
        {
            _weights[i] -= learningRate * _gradients[i];
        }
        Array.Clear(_gradients);
        if (_nextWeights.Length > 0)
        {
            Core.ChargeCycles(_nextWeights.Length * (Float.Multiply + Float.Add + ResetCyclesPerElement));
            for (var i = 0; i < _nextWeights.Length; i++)
            {
                _nextWeights[i] -= learningRate * _nextGradients[i];
            }
            Array.Clear(_nextGradients);
        }
    }

    private void EnterForward()
    {
        Stage = CoreStage.Forward;
        Expected = (uint)_n;
        Received = (uint)_inputsReceived;
    }
}
