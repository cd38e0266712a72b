using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Layers;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>The machine the backend simulates: built-in boards, description files with dead parts, the reinjector's core.</summary>
public sealed class MachineChoiceTests
{
    [Theory]
    [InlineData("spinn3", 4, 68)]
    [InlineData("SpiNN5", 48, 816)]
    public void BuiltInBoards_HaveTheThesisCoreCounts(string name, int chips, int cores)
    {
        var machine = MachineChoice.Parse(name).Build(reserveExtraMonitor: false);

        Assert.Equal(chips, machine.ChipCount);
        Assert.Equal(cores, machine.ApplicationCoreCount);
    }

    [Fact]
    public void Triads_AreTorusesOf144ChipsPerTriad()
    {
        var choice = MachineChoice.Triads(2, 1);

        var machine = choice.Build(reserveExtraMonitor: false);

        Assert.Equal("triads-2x1", choice.Name);
        Assert.Equal(2 * 144, machine.ChipCount);
        Assert.Equal(2 * 144 * 17, machine.ApplicationCoreCount);
        Assert.Equal(6, machine.EthernetChips.Count);
    }

    [Fact]
    public void Reinjection_TakesOneCorePerChipForTheExtraMonitor()
    {
        var machine = MachineChoice.SpiNN5.Build(reserveExtraMonitor: true);

        Assert.Equal(48 * 16, machine.ApplicationCoreCount);
    }

    [Fact]
    public void DescriptionFileWithADeadChip_RunsTheModelOnTheChipsLeft()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spinn3-dead-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "board": "spinn3", "deadChips": [[1, 1]] }""");
        try
        {
            var choice = MachineChoice.Parse(path);
            var backend = new SpiNNakerBackend(new SpiNNakerBackendOptions { Mapping = NeuronMapping.MappingName, Machine = choice });
            var model = new Sequential(seed: 5).Add(new Input(3)).Add(new Dense(20, Activation.Sigmoid)).Add(new Dense(2));
            var x = Tensor.FromArray([0.1f, 0.7f, -0.3f], 1, 3);

            var predictions = backend.Predict(model, x, 1);

            Compare.Within(new HostBackend().Predict(model, x, 1), predictions, 1e-5f);
            Assert.Equal(path, backend.LastRun!.Machine);
            Assert.Equal(3 + 20 + 2 + 1, backend.LastRun.CoresUsed);
            Assert.InRange(backend.LastRun.ChipsUsed, 2, 3);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
