using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Tests.Oracles;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// The same-padded seed conv stack trained at 3,000 examples per simulated second on a SpiN-5
/// (docs/mapping-blocked.md, section 8): with reinjection off and the default router timers no
/// packet is dropped, and the weights end where the host backend's do.
/// </summary>
public sealed class ConvPacingTests
{
    [Fact]
    public void WholeBoard_SamePaddedConvTrainingAtThreeThousandExamplesPerSecond_DropsNoPacketAndKeepsTheHostsWeights()
    {
        var backend = BlockedOracle.Backend(new BlockedOptions { TrainingExamplesPerSecond = 3_000 });
        var x = BlockedOracle.Uniform(81, 0, 1, 64, 224, 3);
        var y = BlockedOracle.Uniform(82, 0, 1, 64, 16);

        var (_, _, difference, _, _) = BlockedOracle.Train(SeedModels.ConvSame, null, Loss.MeanSquaredError, 0.05f,
            x, y, epochs: 1, batchSize: 32, shuffle: true, validation: null, backend);

        var run = BlockedOracle.Mapping(backend).LastRun!;
        Assert.True(run.Cores >= 500, $"the run used {run.Cores} cores; the test needs most of the board's 816");
        Assert.Equal(0, run.Totals.Dropped);
        Assert.InRange(difference, 0f, 1e-4f);
    }
}
