using SpiDnn.Training;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// The loss vertex: receives the output layer's values and the labels (from the label input
/// vertex), and on a timer tick with both complete computes the loss rows, sends every output
/// neuron the gradient of the batch-mean loss with respect to its value (or, for softmax with
/// categorical and sigmoid with binary cross-entropy, with respect to its pre-activation,
/// <c>(p - y) / rows</c>), and reports the example's summed row loss and number of correct
/// rows to the host. Formulas as in the host backend (<c>LossGradient</c>, <c>LossFunctions</c>),
/// in software float.
/// </summary>
internal sealed class LossCore : NeuronCore
{
    private const float Epsilon = 1e-7f;

    private LossParameters _p = null!;
    private int _k;
    private int _width;
    private float[] _outputs = [];
    private float[] _labels = [];
    private float[] _gradients = [];
    private uint[] _errorKeys = [];
    private int _outputsReceived;
    private int _labelsReceived;

    /// <inheritdoc/>
    public override void OnStart(ICoreContext context)
    {
        Start(context);
        _p = LossParameters.Decode(ReadWords(NeuronRegions.Parameters));
        _k = _p.OutputCount;
        _width = _p.RowWidth;
        CreateSendQueue(_k + 4);
        _outputs = Core.AllocateDtcm<float>(_k);
        _labels = Core.AllocateDtcm<float>(_k);
        _gradients = Core.AllocateDtcm<float>(_k);
        _errorKeys = Core.AllocateDtcm<uint>(_k);
        Core.ReadSdram<uint>(Core.GetSdramRegion(NeuronRegions.Keys), 0, _errorKeys);
        Stage = CoreStage.Loss;
        Expected = (uint)(2 * _k);
        StartTimer(_p.Schedule.TotalExamples, _p.Timing);
    }

    /// <inheritdoc/>
    public override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        Core.ChargeCycles(KeyDecodeCycles);
        var output = key - _p.MinOutputKey;
        if (output < (uint)_k)
        {
            _outputs[output] = ToFloat(payload);
            _outputsReceived++;
        }
        else if (key - _p.MinLabelKey < (uint)_k)
        {
            _labels[key - _p.MinLabelKey] = ToFloat(payload);
            _labelsReceived++;
        }
        else
        {
            Unexpected++;
            return;
        }
        Received = (uint)(_outputsReceived + _labelsReceived);
    }

    /// <inheritdoc/>
    protected override void Tick()
    {
        if (_outputsReceived < _k || _labelsReceived < _k)
        {
            return;
        }
        _outputsReceived = 0;
        _labelsReceived = 0;
        Received = 0;

        var rows = _k / _width;
        var totalRows = _p.Schedule.BatchCountOf(ExamplesDone) * rows;
        Core.ChargeCycles(2 * Core.Cost.FixedPointArithmetic.Divide);
        var lossSum = 0f;
        var correct = 0;
        for (var r = 0; r < rows; r++)
        {
            var p = _outputs.AsSpan(r * _width, _width);
            var y = _labels.AsSpan(r * _width, _width);
            lossSum += RowLoss(p, y);
            correct += RowCorrect(p, y) ? 1 : 0;
            RowGradient(p, y, _gradients.AsSpan(r * _width, _width), totalRows);
        }
        for (var i = 0; i < _k; i++)
        {
            Post(_errorKeys[i], _gradients[i]);
        }
        Post(_p.ReportKey, lossSum);
        Post(_p.ReportKey + 1, correct);

        CountExample();
        FinishAfterLast(_p.Schedule.TotalExamples, null);
    }

    private float RowLoss(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        var n = p.Length;
        switch (_p.Loss)
        {
            case Loss.MeanSquaredError:
            {
                Core.ChargeCycles((n * (Float.Add + Float.MultiplyAccumulate)) + Float.Divide);
                var sum = 0f;
                for (var i = 0; i < n; i++)
                {
                    var d = p[i] - y[i];
                    sum += d * d;
                }
                return sum / n;
            }
            case Loss.CategoricalCrossEntropy:
            {
                Core.ChargeCycles(n * (Float.Add + Float.Compare + Float.Divide + (2 * Float.Compare) + Float.Log + Float.MultiplyAccumulate));
                var total = 0f;
                for (var i = 0; i < n; i++)
                {
                    total += p[i];
                }
                var sum = 0f;
                for (var i = 0; i < n; i++)
                {
                    if (y[i] != 0f)
                    {
                        var q = Math.Clamp(p[i] / total, Epsilon, 1f - Epsilon);
                        sum -= y[i] * MathF.Log(q);
                    }
                }
                return sum;
            }
            default:
            {
                Core.ChargeCycles((n * ((2 * Float.Compare) + (2 * Float.Log) + (3 * Float.MultiplyAccumulate))) + Float.Divide);
                var sum = 0f;
                for (var i = 0; i < n; i++)
                {
                    var q = Math.Clamp(p[i], Epsilon, 1f - Epsilon);
                    sum -= (y[i] * MathF.Log(q)) + ((1f - y[i]) * MathF.Log(1f - q));
                }
                return sum / n;
            }
        }
    }

    private bool RowCorrect(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        Core.ChargeCycles(2 * p.Length * Float.Compare);
        if (p.Length == 1)
        {
            return p[0] > 0.5f == y[0] > 0.5f;
        }
        return LossFunctions.ArgMax(p) == LossFunctions.ArgMax(y);
    }

    /// <summary>dL/dp (or dL/dz for the fused pairs) of one row, each row weighing 1 / totalRows.</summary>
    private void RowGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> gradient, int totalRows)
    {
        var n = p.Length;
        var perRow = 1f / totalRows;
        Core.ChargeCycles(Float.Divide);
        switch (_p.Loss)
        {
            case Loss.MeanSquaredError:
            {
                Core.ChargeCycles((2 * Float.Multiply) + Float.Divide + (n * (Float.Add + Float.Multiply)));
                var scale = 2f * perRow / _width;
                for (var i = 0; i < n; i++)
                {
                    gradient[i] = scale * (p[i] - y[i]);
                }
                return;
            }
            case Loss.CategoricalCrossEntropy when _p.OutputActivation == Activation.Softmax:
            case Loss.BinaryCrossEntropy when _p.OutputActivation == Activation.Sigmoid:
            {
                Core.ChargeCycles(Float.Divide + (n * (Float.Add + Float.Multiply)));
                var scale = _p.Loss == Loss.BinaryCrossEntropy ? perRow / _width : perRow;
                for (var i = 0; i < n; i++)
                {
                    gradient[i] = scale * (p[i] - y[i]);
                }
                return;
            }
            case Loss.CategoricalCrossEntropy:
            {
                // dL/dp_j = (g_j - sum_i g_i q_i) / S with q = p / S, g_i = -y_i / q_i where the clip is inactive.
                Core.ChargeCycles(n * ((2 * Float.Add) + (3 * Float.Divide) + (2 * Float.Multiply) + (2 * Float.Compare)));
                var total = 0f;
                for (var i = 0; i < n; i++)
                {
                    total += p[i];
                }
                var weighted = 0f;
                for (var i = 0; i < n; i++)
                {
                    var q = p[i] / total;
                    var g = y[i] != 0f && q >= Epsilon && q <= 1f - Epsilon ? -y[i] / q : 0f;
                    gradient[i] = g;
                    weighted += g * q;
                }
                for (var i = 0; i < n; i++)
                {
                    gradient[i] = perRow * (gradient[i] - weighted) / total;
                }
                return;
            }
            default:
            {
                Core.ChargeCycles(Float.Divide + (n * ((2 * Float.Compare) + (3 * Float.Multiply) + (2 * Float.Add) + Float.Divide)));
                var scale = perRow / _width;
                for (var i = 0; i < n; i++)
                {
                    var q = p[i];
                    var inside = q >= Epsilon && q <= 1f - Epsilon;
                    gradient[i] = inside ? scale * ((q - y[i]) / (q * (1f - q))) : 0f;
                }
                return;
            }
        }
    }
}
