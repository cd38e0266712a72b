using SpiDnn.Tests.Oracles;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;
using SpiDnn.Optimizers;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>Bad choices and models the backend cannot run get clear exceptions naming the problem and the value.</summary>
public sealed class BadInputTests
{
    private static readonly Tensor X = Tensor.FromArray([0.5f, -0.5f], 1, 2);

    private static Sequential Small() => new Sequential(seed: 2).Add(new Input(2)).Add(new Dense(3, Activation.Relu)).Add(new Dense(1));

    [Fact]
    public void FixedPointNumberFormat_IsRefusedByTheNeuronMapping()
    {
        var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName, NumberFormat = NumberFormat.FixedS1615 });

        var error = Assert.Throws<NotSupportedException>(() => backend.Predict(Small(), X, 1));

        Assert.Contains("software float", error.Message, StringComparison.Ordinal);
        Assert.Contains("FixedS1615", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedParametersAcrossTwoConv1DLayers_IsRefusedForTraining_NamingTheLayers()
    {
        var model = new Sequential().Add(new Input(6, 2)).Add(new Conv1D(2, 3)).Add(new Conv1D(2, 2)).Add(new Dense(1));
        model.Compile(Loss.MeanSquaredError, new Sgd(0.1f), Backends.SpiNN3(BackwardVariant.SharedParameters));
        var x = new Tensor(1, 6, 2);

        var error = Assert.Throws<NotSupportedException>(() => model.Fit(x, new Tensor(1, 1), 1, 1));

        Assert.Contains("'conv1d' (Conv1D) followed by 'conv1d_1' (Conv1D)", error.Message, StringComparison.Ordinal);
        Assert.Contains("MulticastEachError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelLargerThanTheMachine_IsRefusedWithTheCoreCounts()
    {
        var backend = Backends.SpiNN3();
        var model = SeedModels.Mlp();

        var error = Assert.Throws<NotSupportedException>(() => backend.Predict(model, new Tensor(1, 224), 1));

        Assert.Contains("492 neurons", error.Message, StringComparison.Ordinal);
        Assert.Contains("the machine has 68 application cores", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMapping_IsRefusedNamingTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = "diagonal" }));

        Assert.Contains("neuron", error.Message, StringComparison.Ordinal);
        Assert.Contains("'diagonal'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 12, 0.1)]
    [InlineData(5000, -1, 0.1)]
    [InlineData(5000, 12, 1.5)]
    public void OutOfRangeNeuronOptions_AreRefusedNamingTheSetting(int period, int delay, double spread)
    {
        var options = new SpiNNakerBackendOptions
        {
            Neuron = new NeuronMappingOptions { TimerPeriodMicroseconds = period, SendDelayMicroseconds = delay, TimerPhaseSpread = spread },
        };

        var error = Assert.Throws<ArgumentException>(() => new SpiNNakerBackend(options));

        Assert.Matches("TimerPeriodMicroseconds=0|SendDelayMicroseconds=-1|TimerPhaseSpread=1.5", error.Message);
    }

    [Fact]
    public void NegativeRouterWait_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpiNNakerBackend(new SpiNNakerBackendOptions { RouterWait2Cycles = -3 }));

        Assert.Contains("wait2=-3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spinn7")]
    [InlineData("board.yaml")]
    public void UnknownMachineName_IsRefusedNamingTheChoices(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => MachineChoice.Parse(name));

        Assert.Contains("spinn3, spinn5", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMachineDescriptionFile_IsRefusedNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-machine-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<FileNotFoundException>(() => MachineChoice.Parse(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptMachineDescriptionFile_IsRefusedNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-machine-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "board": "spinn9" }""");
        try
        {
            var error = Assert.Throws<MachineDescriptionException>(() => MachineChoice.Parse(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("spinn9", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
