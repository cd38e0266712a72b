using System.Runtime.CompilerServices;
using SpiNNaker.Simulator.Tests.Golden;

namespace SpiNNaker.Simulator.Tests;

/// <summary>
/// The engine's exactness across performance work: each fixed scenario must reproduce, bit for
/// bit, the statistics, SDRAM contents and host traffic recorded from the simulator before
/// that work began (Golden/*.golden.txt, made by the commit that added this test, on the
/// engine as it was then). Set SPINNAKER_GOLDEN_RECORD=1 to rewrite the files, only when the
/// model itself is meant to change.
/// </summary>
public class GoldenStatisticsTests
{
    public static TheoryData<string> Scenarios => [.. GoldenScenarios.Names];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_ReproducesTheRecordedRunBitForBit(string name)
    {
        var actual = GoldenScenarios.Run(name).Describe();
        if (Environment.GetEnvironmentVariable("SPINNAKER_GOLDEN_RECORD") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Golden", name + ".golden.txt"), actual);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".golden.txt"));
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void TheScenarios_ExerciseCongestionDropsReinjectionEmergencyAndDefaultRouting()
    {
        // Guards the golden files' coverage: if a scenario stopped congesting, it would pin less.
        var congested = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "traffic-k8-20us-reinjection.golden.txt"));
        var dead = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "dead-links.golden.txt"));
        var mixed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "mixed.golden.txt"));
        Assert.Matches(@"totals .* emergency=[1-9]\d* dropped=[1-9]\d* reinjected=[1-9]\d*", congested);
        Assert.Matches(@"totals .* default=[1-9]\d* emergency=[1-9]\d*", dead);
        Assert.Matches(@"totals .* lost=[1-9]\d* .* sdp-to-cores=[1-9]\d* sdp-to-host=[1-9]\d*", mixed);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
