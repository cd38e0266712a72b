using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiDnn.Layers;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// The seed's counters (Conv1D channels per connection, multicast-each-error sequences, kernel
/// gradients per neighbour) need one sender's packets in the order sent; emergency routing can
/// reorder them, so a run that saw emergency routing with such a graph is refused rather than
/// returning numbers that may be wrong.
/// </summary>
public sealed class DeliveryOrderTests
{
    /// <summary>Why the graph of <paramref name="model"/> depends on delivery order, or null.</summary>
    private static string? Sensitivity(Sequential model, bool training, BackwardVariant variant)
    {
        var options = new NeuronMappingOptions { BackwardVariant = variant };
        var run = training
            ? new NeuronRun(options, CostModel.Default, 4, new TrainingSchedule(4, 2, 1, 0.1f), Loss.MeanSquaredError)
            : new NeuronRun(options, CostModel.Default, 4, null, null);
        return NeuronGraph.Build(model, run, MachineBuilder.SpiNN5()).OrderSensitivity(run);
    }

    private static TotalStatistics Totals(long emergency) => new()
    {
        PacketsSent = 10, PacketsInjected = 0, PacketsReceived = 10, Routed = 10, DefaultRouted = 0, EmergencyRouted = emergency, Dropped = 0,
        Reinjected = 0, Lost = 0, LinkPackets = 5, SendFailures = 0, LostCallbacks = 0, BusyCycles = 100, SdpToCores = 1, SdpToHost = 1,
    };

    private static Sequential Mlp() => new Sequential().Add(new Input(3)).Add(new Dense(4)).Add(new Dense(2));

    private static Sequential ConvOnThreeChannels() => new Sequential().Add(new Input(5, 3)).Add(new Conv1D(2, 3)).Add(new Dense(1));

    [Fact]
    public void MlpPredictionsAndSharedParameterTraining_DoNotDependOnDeliveryOrder()
    {
        Assert.Null(Sensitivity(Mlp(), training: false, BackwardVariant.MulticastEachError));
        Assert.Null(Sensitivity(Mlp(), training: true, BackwardVariant.SharedParameters));
    }

    [Fact]
    public void MulticastEachErrorTraining_DependsOnDeliveryOrder()
    {
        var reason = Sensitivity(Mlp(), training: true, BackwardVariant.MulticastEachError);

        Assert.Equal("multicast each error counts each sender's error sequence", reason);
    }

    [Fact]
    public void Conv1DOnSeveralChannels_DependsOnDeliveryOrder_AndItsTrainingOnTheKernelExchangeToo()
    {
        var inference = Sensitivity(ConvOnThreeChannels(), training: false, BackwardVariant.SharedParameters);
        var training = Sensitivity(ConvOnThreeChannels(), training: true, BackwardVariant.SharedParameters);

        Assert.Equal("layer 'conv1d' counts the 3 channels of each input connection", inference);
        Assert.Equal("layer 'conv1d' counts the 3 channels of each input connection; layer 'conv1d' counts each neighbour's kernel gradients", training);
    }

    [Fact]
    public void EmergencyRoutingOnAnOrderSensitiveGraph_RefusesTheResults_NamingBoth()
    {
        var problem = NeuronMapping.DeliveryOrderProblem("multicast each error counts each sender's error sequence", Totals(emergency: 12), 0.5);

        Assert.NotNull(problem);
        Assert.Contains("routers sent 12 packets around blocked links", problem.Message, StringComparison.Ordinal);
        Assert.Contains("multicast each error counts each sender's error sequence", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoEmergencyRouting_OrNoOrderSensitivity_IsNoProblem()
    {
        Assert.Null(NeuronMapping.DeliveryOrderProblem("multicast each error counts each sender's error sequence", Totals(emergency: 0), 0.5));
        Assert.Null(NeuronMapping.DeliveryOrderProblem(null, Totals(emergency: 12), 0.5));
    }
}
