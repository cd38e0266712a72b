using SpiDnn.Layers;
using SpiDnn.Optimizers;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.Tests;

/// <summary>
/// The host backend's gradients against central finite differences of an independent
/// double-precision forward pass (<see cref="ReferenceModel"/>). The analytic gradient is read
/// from one SGD step with learning rate 1 over the whole data set as one batch:
/// <c>g = w_before - w_after</c>, so the test covers the backward kernels, the batch-mean
/// scaling and the update together.
/// </summary>
public sealed class GradientCheckTests
{
    private const int Examples = 5;

    public static TheoryData<Activation, Activation, Loss> DenseCases()
    {
        var data = new TheoryData<Activation, Activation, Loss>();
        (Activation Output, Loss Loss)[] heads =
        [
            (Activation.Identity, Loss.MeanSquaredError), (Activation.Relu, Loss.MeanSquaredError),
            (Activation.Sigmoid, Loss.MeanSquaredError), (Activation.Tanh, Loss.MeanSquaredError),
            (Activation.Softmax, Loss.MeanSquaredError),
            (Activation.Softmax, Loss.CategoricalCrossEntropy), (Activation.Sigmoid, Loss.CategoricalCrossEntropy),
            (Activation.Sigmoid, Loss.BinaryCrossEntropy), (Activation.Softmax, Loss.BinaryCrossEntropy),
        ];
        foreach (var hidden in Enum.GetValues<Activation>())
        {
            foreach (var (output, loss) in heads)
            {
                data.Add(hidden, output, loss);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void DenseStack_Gradients_MatchFiniteDifferences(Activation hidden, Activation output, Loss loss)
    {
        var model = new Sequential(seed: 11)
            .Add(new Input(4))
            .Add(new Dense(5, hidden))
            .Add(new Dense(4, hidden))
            .Add(new Dense(3, output));

        CheckGradients(model, loss, seed: (int)hidden * 31 + (int)output * 7 + (int)loss);
    }

    public static TheoryData<int, int, Padding, Activation, Loss> ConvCases()
    {
        var data = new TheoryData<int, int, Padding, Activation, Loss>();
        var activations = Enum.GetValues<Activation>();
        var losses = Enum.GetValues<Loss>();
        // Every kernel size 1-12 with both paddings, strides cycling through 1-5...
        for (var kernel = 1; kernel <= 12; kernel++)
        {
            foreach (var padding in new[] { Padding.Valid, Padding.Same })
            {
                var stride = 1 + (kernel * 3 + (int)padding) % 5;
                data.Add(kernel, stride, padding, activations[(kernel + (int)padding) % 5], losses[kernel % 3]);
            }
        }
        // ...and every stride 1-5 with an even and an odd kernel (asymmetric same padding).
        for (var stride = 1; stride <= 5; stride++)
        {
            data.Add(4, stride, Padding.Same, activations[stride % 5], losses[stride % 3]);
            data.Add(5, stride, Padding.Valid, activations[(stride + 2) % 5], losses[(stride + 1) % 3]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void ConvStack_Gradients_MatchFiniteDifferences(int kernel, int stride, Padding padding, Activation activation, Loss loss)
    {
        var channels = 1 + kernel % 3;
        var filters = 1 + (kernel + stride) % 4;
        var output = loss switch
        {
            Loss.CategoricalCrossEntropy => Activation.Softmax,
            Loss.BinaryCrossEntropy => Activation.Sigmoid,
            _ => Activation.Tanh,
        };
        var model = new Sequential(seed: kernel * 10 + stride)
            .Add(new Input(13, channels))
            .Add(new Conv1D(filters, kernel, stride, padding, activation))
            .Add(new Conv1D(3, 2, 1, Padding.Same, Activation.Tanh))
            .Add(new Dense(3, output));

        CheckGradients(model, loss, seed: kernel * 100 + stride * 10 + (int)padding);
    }

    [Theory]
    [InlineData(Loss.MeanSquaredError, Activation.Identity)]
    [InlineData(Loss.CategoricalCrossEntropy, Activation.Softmax)]
    [InlineData(Loss.BinaryCrossEntropy, Activation.Sigmoid)]
    [InlineData(Loss.MeanSquaredError, Activation.Softmax)]
    public void ConvAsOutputLayer_GradientsPerPositionRow_MatchFiniteDifferences(Loss loss, Activation output)
    {
        var model = new Sequential(seed: 5)
            .Add(new Input(9, 2))
            .Add(new Conv1D(3, 3, 1, Padding.Same, Activation.Relu))
            .Add(new Conv1D(4, 2, 2, Padding.Same, output));

        CheckGradients(model, loss, seed: 77 + (int)loss);
    }

    [Fact]
    public void ExplicitFlattenBetweenConvAndDense_Gradients_MatchFiniteDifferences()
    {
        var model = new Sequential(seed: 3)
            .Add(new Input(7, 2))
            .Add(new Conv1D(3, 3, 2, Padding.Same, Activation.Softmax))
            .Add(new Flatten())
            .Add(new Dense(2, Activation.Sigmoid));

        CheckGradients(model, Loss.BinaryCrossEntropy, seed: 9);
    }

    private static void CheckGradients(Sequential model, Loss loss, int seed)
    {
        var random = new Random(seed);
        // Biases away from zero, so bias gradients and relu kinks are exercised too.
        var start = model.GetWeights().Select(w =>
        {
            if (w.Rank == 1)
            {
                for (var i = 0; i < w.Length; i++)
                {
                    w.Span[i] = (float)(random.NextDouble() * 0.6 - 0.3);
                }
            }
            return w;
        }).ToList();
        model.SetWeights(start);
        var x = RandomTensor(random, [Examples, .. model.InputShape], -1, 1);
        var y = Labels(random, loss, [Examples, .. model.OutputShape]);
        var reference = start.Select(w => w.ReadOnlySpan.ToArray().Select(v => (double)v).ToArray()).ToList();

        model.Compile(loss, new Sgd(1f));
        model.Fit(x, y, epochs: 1, batchSize: Examples, shuffle: false);
        var after = model.GetWeights();

        var largest = 0.0;
        for (var t = 0; t < start.Count; t++)
        {
            var step = Math.Max(1, start[t].Length / 40);
            for (var i = 0; i < start[t].Length; i += step)
            {
                var analytic = (double)start[t].ReadOnlySpan[i] - after[t].ReadOnlySpan[i];
                var numeric = FiniteDifference(model, loss, reference, t, i, x, y);
                largest = Math.Max(largest, Math.Abs(numeric));
                Assert.True(Math.Abs(analytic - numeric) <= 3e-5 + 2e-3 * Math.Abs(numeric),
                    $"weight tensor {t} element {i}: analytic {analytic:G6}, finite difference {numeric:G6}");
            }
        }
        Assert.True(largest > 1e-3, $"all checked gradients are about zero ({largest:G3}): the check would prove nothing");
    }

    private static double FiniteDifference(Sequential model, Loss loss, List<double[]> weights, int tensor, int index, Tensor x, Tensor y)
    {
        const double H = 1e-6;
        var saved = weights[tensor][index];
        weights[tensor][index] = saved + H;
        var plus = ReferenceModel.MeanLoss(model, loss, weights, x, y);
        weights[tensor][index] = saved - H;
        var minus = ReferenceModel.MeanLoss(model, loss, weights, x, y);
        weights[tensor][index] = saved;
        return (plus - minus) / (2 * H);
    }

    private static Tensor RandomTensor(Random random, int[] shape, double low, double high)
    {
        var t = new Tensor(shape);
        for (var i = 0; i < t.Length; i++)
        {
            t.Span[i] = (float)(low + (high - low) * random.NextDouble());
        }
        return t;
    }

    private static Tensor Labels(Random random, Loss loss, int[] shape)
    {
        if (loss != Loss.CategoricalCrossEntropy)
        {
            return RandomTensor(random, shape, 0, 1);
        }
        var t = new Tensor(shape);
        var width = shape[^1];
        for (var row = 0; row < t.Length / width; row++)
        {
            t.Span[row * width + random.Next(width)] = 1;
        }
        return t;
    }
}
