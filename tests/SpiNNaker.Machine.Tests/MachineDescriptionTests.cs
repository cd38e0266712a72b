namespace SpiNNaker.Machine.Tests;

public class MachineDescriptionTests
{
    [Fact]
    public void Parse_ReadsBoardAndDeadParts()
    {
        const string json = """
            {
              // comments are allowed
              "board": "spinn5",
              "applicationCoresPerChip": 16,
              "extraMonitor": true,
              "deadChips": [[7, 7]],
              "deadCores": [[0, 0, 3]],
              "deadLinks": [[1, 1, "east"], [2, 2, 2]],
            }
            """;

        var machine = MachineDescription.Parse(json).Build();

        Assert.Equal(MachineKind.SpiNN5, machine.Kind);
        Assert.Equal(47, machine.ChipCount);
        Assert.Equal(15, machine.GetChip(new(0, 0)).ApplicationCores.Count);
        Assert.Equal(17, machine.GetChip(new(0, 0)).ExtraMonitorCore);
        Assert.False(machine.TryGetNeighbour(new(1, 1), Direction.East, out _));
        Assert.False(machine.TryGetNeighbour(new(2, 3), Direction.South, out _));
        Assert.Equal((46 * 16) + 15, machine.ApplicationCoreCount);
    }

    [Fact]
    public void Parse_TriadsAndVirtualTakeTheirSizes()
    {
        Assert.Equal(288, MachineDescription.Parse("""{"board": "triads", "width": 1, "height": 2}""").Build().ChipCount);
        var torus = MachineDescription.Parse("""{"board": "virtual", "width": 4, "height": 3}""").Build();
        Assert.Equal((4, 3, 12), (torus.Width, torus.Height, torus.ChipCount));
    }

    [Fact]
    public void SaveAndLoad_RoundTripsTheDescription()
    {
        var description = new MachineDescription
        {
            Kind = MachineKind.Triads,
            Width = 1,
            Height = 1,
            Options = new MachineOptions
            {
                DeadChips = [new(5, 5)],
                DeadCores = [new(1, 2, 9)],
                DeadLinks = [new(new(3, 3), Direction.SouthWest)],
            },
        };
        var path = Path.Combine(Path.GetTempPath(), $"machine-{Guid.NewGuid():N}.json");
        try
        {
            description.Save(path);
            var loaded = MachineDescription.Load(path);

            Assert.Equal(description.ToJson(), loaded.ToJson());
            Assert.Equal(143, loaded.Build().ChipCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("""{"board": "spinn5", "deadchips": []}""", "unknown property \"deadchips\"")]
    [InlineData("""{"board": "spinn7"}""", "unknown board \"spinn7\"")]
    [InlineData("""{"width": 2}""", "\"board\" is required")]
    [InlineData("""{"board": "triads", "width": 1}""", "height=missing")]
    [InlineData("""{"board": "spinn5", "width": 1, "height": 1}""", "fixed size")]
    [InlineData("""{"board": "spinn5", "applicationCoresPerChip": 18}""", "found 18")]
    [InlineData("""{"board": "spinn5", "extraMonitor": "yes"}""", "\"yes\"")]
    [InlineData("""{"board": "spinn5", "deadChips": [[1]]}""", "array of 2 values; found [1]")]
    [InlineData("""{"board": "spinn5", "deadCores": [[1, 1, "x"]]}""", "found \"x\"")]
    [InlineData("""{"board": "spinn5", "deadLinks": [[1, 1, "up"]]}""", "found \"up\"")]
    [InlineData("""{"board": "spinn5", "deadLinks": [[1, 1, 6]]}""", "found 6")]
    public void Parse_BadInputIsAClearError(string json, string expected)
    {
        var e = Assert.Throws<MachineDescriptionException>(() => MachineDescription.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"board": "spinn5", "deadChips": [[0, 7]]}""", "(0, 7)")]
    [InlineData("""{"board": "spinn5", "deadCores": [[3, 3, 0]]}""", "(3, 3, 0)")]
    [InlineData("""{"board": "spinn3", "deadCores": [[0, 0, 18]]}""", "(0, 0, 18)")]
    public void Build_ImpossibleDeadPartIsAClearError(string json, string expected)
    {
        var e = Assert.Throws<MachineDescriptionException>(() => MachineDescription.Parse(json).Build());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesTheFileInItsErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"board": 5}""");
        try
        {
            var e = Assert.Throws<MachineDescriptionException>(() => MachineDescription.Load(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
