using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>
/// The backward pass's timing hazards. With multicast each error a neuron has its own packet
/// from a sender long before the sender's sequence ends (12 us per packet); if it finished the
/// example then, the rest of the sequence would be counted as the next example's errors (the
/// seed's counters had this race). Packing all inputs on one core changes the placement so
/// that exactly this happens; the weights must still be the host's.
/// </summary>
public sealed class BackwardPassTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(20)]
    public void MulticastEachError_NeuronsWaitForEverySendersWholeSequence_WhateverThePlacement(int inputsPerCore)
    {
        static Sequential Build() => new Sequential(seed: 3).Add(new Input(20)).Add(new Dense(32, Activation.Relu)).Add(new Dense(10, Activation.Softmax));
        var random = new Random(1);
        var x = Tensor.FromArray([.. Enumerable.Range(0, 3 * 20).Select(_ => (float)random.NextDouble())], 3, 20);
        var y = Tensor.FromArray([.. Enumerable.Range(0, 3 * 10).Select(i => i % 10 == i / 10 % 10 ? 1f : 0f)], 3, 10);
        var host = Build();
        host.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.4f));
        host.Fit(x, y, epochs: 1, batchSize: 1, shuffle: false);
        var model = Build();
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName, Neuron = new NeuronMappingOptions { InputNeuronsPerCore = inputsPerCore } });
        model.Compile(Loss.CategoricalCrossEntropy, new Sgd(0.4f), backend);

        model.Fit(x, y, epochs: 1, batchSize: 1, shuffle: false);

        Compare.Within(host.GetWeights(), model.GetWeights(), 1e-5f);
        // Input and label neurons share the packing: the neurons, the loss and the gatherer take the rest.
        var inputAndLabelCores = ((20 + inputsPerCore - 1) / inputsPerCore) + ((10 + inputsPerCore - 1) / inputsPerCore);
        Assert.Equal(inputAndLabelCores + 32 + 10 + 2, backend.LastRun!.CoresUsed);
    }
}
