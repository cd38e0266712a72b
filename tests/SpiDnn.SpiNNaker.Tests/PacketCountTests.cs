using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;
using SpiDnn.SpiNNaker.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// Every packet of the neuron mapping is accounted for: the simulator's counts of sent and
/// delivered packets equal the protocol's per-example formulas (docs/mapping-neuron.md) times
/// the examples, for predictions and for both backward variants.
/// </summary>
public sealed class PacketCountTests
{
    private static readonly int[] Units = [7, 6, 3];
    private static readonly bool[] Softmax = [false, true, false];

    private static Sequential Build() => new Sequential(seed: 4)
        .Add(new Input(5))
        .Add(new Dense(7, Activation.Relu))
        .Add(new Dense(6, Activation.Softmax))
        .Add(new Dense(3, Activation.Sigmoid));

    private static Tensor X(int examples) => Tensor.FromArray([.. Enumerable.Range(0, examples * 5).Select(i => (float)Math.Sin(i))], examples, 5);

    [Fact]
    public void Prediction_SendsAndDeliversThePacketsOfTheProtocol()
    {
        var backend = Backends.SpiNN3();
        var model = Build();

        backend.Predict(model, X(3), 3);

        var (sent, delivered) = MlpPacketCounts.Inference(5, Units, Softmax);
        Assert.Equal(3 * sent, backend.LastRun!.PacketsSent);
        Assert.Equal(3 * delivered, backend.LastRun.PacketsDelivered);
    }

    [Theory]
    [InlineData(BackwardVariant.MulticastEachError)]
    [InlineData(BackwardVariant.SharedParameters)]
    public void Training_SendsAndDeliversThePacketsOfTheProtocol_ForEachBackwardVariant(BackwardVariant variant)
    {
        var model = Build();
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), Backends.SpiNN3(variant));
        var y = Tensor.FromArray([.. Enumerable.Range(0, 4 * 3).Select(i => (float)(i % 2))], 4, 3);

        var history = model.Fit(X(4), y, epochs: 2, batchSize: 3);

        var statistics = (SpiNNakerRunStatistics)history.BackendStatistics!;
        var (sent, delivered) = MlpPacketCounts.Training(5, Units, Softmax, fusedLoss: false, variant);
        Assert.Equal(8 * sent, statistics.PacketsSent);
        Assert.Equal(8 * delivered, statistics.PacketsDelivered);
    }

    [Fact]
    public void MulticastEachError_DeliversNTimesMorePacketsBackwardsThanSharedParameters()
    {
        var shared = MlpPacketCounts.Training(5, Units, Softmax, fusedLoss: false, BackwardVariant.SharedParameters);
        var multicast = MlpPacketCounts.Training(5, Units, Softmax, fusedLoss: false, BackwardVariant.MulticastEachError);

        // The backward pair 6 -> 7 delivers 6*7 packets shared, 6*7*7 multicast; 3 -> 6: 3*6 vs 3*6*6.
        Assert.Equal((6 * 7 * 7) - (6 * 7) + (3 * 6 * 6) - (3 * 6), multicast.Delivered - shared.Delivered);
    }
}
