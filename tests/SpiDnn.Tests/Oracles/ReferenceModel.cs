using SpiDnn.Layers;

namespace SpiDnn.Tests.Oracles;

/// <summary>
/// An independent, deliberately naive double-precision implementation of the forward pass and
/// the losses, written from the formulas in docs/library.md (one example at a time, nested
/// loops, no shared code with the host backend). Finite differences of its loss are the oracle
/// for the host backend's gradients.
/// </summary>
internal static class ReferenceModel
{
    public static double MeanLoss(Sequential model, Loss loss, IReadOnlyList<double[]> weights, Tensor x, Tensor y)
    {
        var examples = x.Dim(0);
        var inLength = x.RowLength;
        var outLength = y.RowLength;
        var width = model.OutputShape[^1];
        double total = 0;
        var rows = 0;
        for (var e = 0; e < examples; e++)
        {
            var h = x.ReadOnlySpan.Slice(e * inLength, inLength).ToArray().Select(v => (double)v).ToArray();
            var w = 0;
            foreach (var layer in model.Layers)
            {
                switch (layer)
                {
                    case Dense dense:
                        h = DenseForward(h, weights[w], weights[w + 1], dense.Units);
                        w += 2;
                        break;
                    case Conv1D conv:
                        h = ConvForward(h, weights[w], weights[w + 1], conv);
                        w += 2;
                        break;
                    case Flatten:
                        break;
                    default:
                        throw new NotSupportedException(layer.TypeName);
                }
                Activate(h, layer.Activation, layer.OutputShape[^1]);
            }
            var labels = y.ReadOnlySpan.Slice(e * outLength, outLength);
            for (var start = 0; start < outLength; start += width)
            {
                total += RowLoss(loss, h.AsSpan(start, width), labels.Slice(start, width));
                rows++;
            }
        }
        return total / rows;
    }

    private static double[] DenseForward(double[] input, double[] kernel, double[] bias, int units)
    {
        var output = new double[units];
        for (var j = 0; j < units; j++)
        {
            var sum = bias[j];
            for (var i = 0; i < input.Length; i++)
            {
                sum += input[i] * kernel[i * units + j];
            }
            output[j] = sum;
        }
        return output;
    }

    private static double[] ConvForward(double[] input, double[] kernel, double[] bias, Conv1D conv)
    {
        int steps = conv.InputSteps, channels = conv.Channels, filters = conv.Filters, k = conv.KernelSize, s = conv.Stride;
        int outSteps;
        var before = 0;
        if (conv.Padding == Padding.Same)
        {
            outSteps = (int)Math.Ceiling(steps / (double)s);
            var total = Math.Max((outSteps - 1) * s + k - steps, 0);
            before = total / 2;
        }
        else
        {
            outSteps = (steps - k) / s + 1;
        }
        var output = new double[outSteps * filters];
        for (var p = 0; p < outSteps; p++)
        {
            for (var f = 0; f < filters; f++)
            {
                var sum = bias[f];
                for (var kk = 0; kk < k; kk++)
                {
                    var position = p * s + kk - before;
                    if (position < 0 || position >= steps)
                    {
                        continue;
                    }
                    for (var c = 0; c < channels; c++)
                    {
                        sum += input[position * channels + c] * kernel[(kk * channels + c) * filters + f];
                    }
                }
                output[p * filters + f] = sum;
            }
        }
        return output;
    }

    private static void Activate(double[] h, Activation activation, int width)
    {
        for (var start = 0; start < h.Length; start += width)
        {
            var row = h.AsSpan(start, width);
            switch (activation)
            {
                case Activation.Identity:
                    break;
                case Activation.Relu:
                    for (var i = 0; i < row.Length; i++) { row[i] = Math.Max(row[i], 0); }
                    break;
                case Activation.Sigmoid:
                    for (var i = 0; i < row.Length; i++) { row[i] = 1 / (1 + Math.Exp(-row[i])); }
                    break;
                case Activation.Tanh:
                    for (var i = 0; i < row.Length; i++) { row[i] = Math.Tanh(row[i]); }
                    break;
                case Activation.Softmax:
                    var max = row.ToArray().Max();
                    double sum = 0;
                    for (var i = 0; i < row.Length; i++) { row[i] = Math.Exp(row[i] - max); sum += row[i]; }
                    for (var i = 0; i < row.Length; i++) { row[i] /= sum; }
                    break;
                default:
                    throw new NotSupportedException(activation.ToString());
            }
        }
    }

    private static double RowLoss(Loss loss, ReadOnlySpan<double> p, ReadOnlySpan<float> y)
    {
        const double Eps = 1e-7;
        double sum = 0;
        switch (loss)
        {
            case Loss.MeanSquaredError:
                for (var i = 0; i < p.Length; i++) { sum += (p[i] - y[i]) * (p[i] - y[i]); }
                return sum / p.Length;
            case Loss.CategoricalCrossEntropy:
                var total = 0.0;
                foreach (var v in p) { total += v; }
                for (var i = 0; i < p.Length; i++) { sum -= y[i] * Math.Log(Math.Clamp(p[i] / total, Eps, 1 - Eps)); }
                return sum;
            case Loss.BinaryCrossEntropy:
                for (var i = 0; i < p.Length; i++)
                {
                    var q = Math.Clamp(p[i], Eps, 1 - Eps);
                    sum -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
                }
                return sum / p.Length;
            default:
                throw new NotSupportedException(loss.ToString());
        }
    }
}
