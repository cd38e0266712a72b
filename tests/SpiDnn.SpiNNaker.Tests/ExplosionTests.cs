using System.Text.RegularExpressions;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;
using SpiDnn.SpiNNaker.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// The thesis's failure, reproduced: training a model with a 300 -> 50 layer pair with
/// "multicast each error" makes each of the 50 neurons send 300 packets to all 300 neurons
/// before it: 15,000 packets, 4,500,000 deliveries per example (99.7 % of them dropped by their
/// receivers). With the default router timers and no reinjection routers drop packets and the
/// run fails with a clear error naming the waiting cores; with reinjection every packet
/// arrives and the weights are the host's.
/// </summary>
public sealed partial class ExplosionTests
{
    private static Sequential Build() => new Sequential(seed: 1)
        .Add(new Input(2))
        .Add(new Dense(300, Activation.Tanh))
        .Add(new Dense(50, Activation.Sigmoid))
        .Add(new Dense(2));

    private static readonly Tensor X = Tensor.FromArray([0f, 1f], 1, 2);
    private static readonly Tensor Y = Tensor.FromArray([1f, 0f], 1, 2);

    [GeneratedRegex(@"^core \(\d+, \d+, \d+\) \[layer 'dense' neuron \d+, backward\] has [\d,]+ of 15,000 errors for example 0$")]
    private static partial Regex WaitingForErrors();

    [Fact]
    public void MulticastEachError_Across300To50_WithoutReinjection_DropsPacketsAndFailsNamingTheWaitingCores()
    {
        var model = Build();
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), Backends.SpiNN5(BackwardVariant.MulticastEachError));

        var error = Assert.Throws<SpiNNakerRunException>(() => model.Fit(X, Y, epochs: 1, batchSize: 1));

        Assert.True(error.DroppedPackets > 0, error.Message);
        Assert.Equal(error.DroppedPackets, error.LostPackets);
        Assert.NotEmpty(error.DroppingRouters);
        Assert.Equal(error.DroppedPackets, error.DroppingRouters.Sum(r => r.Dropped));
        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
        Assert.Contains("Routers dropped", error.Message, StringComparison.Ordinal);
        // The neurons of the 300-wide layer that lost some of the 50 x 300 packets sent to them
        // wait, first in the list.
        Assert.NotEmpty(error.WaitingCores);
        Assert.Matches(WaitingForErrors(), error.WaitingCores[0]);
        Assert.Contains(error.WaitingCores[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MulticastEachError_Across300To50_WithReinjection_Delivers4Point5MillionPacketsPerExample_AndTrainsLikeTheHost()
    {
        var host = Build();
        host.Compile(Loss.MeanSquaredError, new Sgd(0.1f));
        host.Fit(X, Y, epochs: 1, batchSize: 1);
        var model = Build();
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), Backends.SpiNN5(BackwardVariant.MulticastEachError, reinjection: true));

        var history = model.Fit(X, Y, epochs: 1, batchSize: 1);

        var statistics = (SpiNNakerRunStatistics)history.BackendStatistics!;
        var (sent, delivered) = MlpPacketCounts.Training(2, [300, 50, 2], [false, false, false], fusedLoss: false, BackwardVariant.MulticastEachError);
        Assert.Equal(sent, statistics.PacketsSent);
        Assert.Equal(delivered, statistics.PacketsDelivered);
        Assert.Equal(4_521_008, statistics.PacketsDelivered); // 4,500,000 of them from the 50 -> 300 backward pass
        Assert.Equal(0, statistics.PacketsLost);
        Compare.Within(host.GetWeights(), model.GetWeights(), 1e-4f);
    }

    [Fact]
    public void SharedParameters_Across300To50_WithoutReinjection_DeliversTheErrorsOncePerPair()
    {
        var host = Build();
        host.Compile(Loss.MeanSquaredError, new Sgd(0.1f));
        host.Fit(X, Y, epochs: 1, batchSize: 1);
        var model = Build();
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), Backends.SpiNN5(BackwardVariant.SharedParameters));

        var history = model.Fit(X, Y, epochs: 1, batchSize: 1);

        var statistics = (SpiNNakerRunStatistics)history.BackendStatistics!;
        var (_, delivered) = MlpPacketCounts.Training(2, [300, 50, 2], [false, false, false], fusedLoss: false, BackwardVariant.SharedParameters);
        Assert.Equal(delivered, statistics.PacketsDelivered);
        Assert.Equal(0, statistics.PacketsDropped);
        Compare.Within(host.GetWeights(), model.GetWeights(), 1e-4f);
    }
}
