namespace SpiNNaker.Machine.Tests;

public class BoardTests
{
    // The hexagon as SPINNAKER-FACTS.md lists it, column by column: (x, lowest y, highest y).
    private static readonly (int X, int Low, int High)[] Hexagon =
        [(0, 0, 3), (1, 0, 4), (2, 0, 5), (3, 0, 6), (4, 0, 7), (5, 1, 7), (6, 2, 7), (7, 3, 7)];

    [Fact]
    public void SpiNN5_HasExactlyTheFortyEightChipsOfTheHexagon()
    {
        var machine = MachineBuilder.SpiNN5();
        var expected = Hexagon.SelectMany(c => Enumerable.Range(c.Low, c.High - c.Low + 1).Select(y => new ChipCoordinate(c.X, y))).ToList();

        Assert.Equal(48, expected.Count);
        Assert.Equal(expected, machine.Chips.Select(c => c.Coordinate));
        Assert.Equal(8, machine.Width);
        Assert.Equal(8, machine.Height);
        Assert.False(machine.WrapsAround);
    }

    [Fact]
    public void SpiNN5_Has816ApplicationCoresAnd864Processors()
    {
        var machine = MachineBuilder.SpiNN5();

        Assert.Equal(816, machine.ApplicationCoreCount);
        Assert.Equal(864, machine.WorkingProcessorCount);
        Assert.All(machine.Chips, c => Assert.Equal(Enumerable.Range(1, 17), c.ApplicationCores));
        Assert.All(machine.Chips, c => Assert.Equal(new ChipCoordinate(0, 0), c.EthernetChip));
        Assert.Equal([new ChipCoordinate(0, 0)], machine.EthernetChips);
    }

    [Fact]
    public void SpiNN5_SixteenCoreOptionGives768ApplicationCores()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { ApplicationCoresPerChip = 16 });

        Assert.Equal(768, machine.ApplicationCoreCount);
        Assert.False(machine.GetChip(new ChipCoordinate(2, 2)).IsApplicationCore(17));
    }

    [Fact]
    public void SpiNN5_ExtraMonitorTakesTheHighestCore()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { ReserveExtraMonitor = true });
        var chip = machine.GetChip(new ChipCoordinate(3, 3));

        Assert.Equal(17, chip.ExtraMonitorCore);
        Assert.Equal(Enumerable.Range(1, 16), chip.ApplicationCores);
        Assert.Equal(768, machine.ApplicationCoreCount);
    }

    [Fact]
    public void SpiNN5_EdgeChipsHaveNoLinksLeavingTheBoard()
    {
        var machine = MachineBuilder.SpiNN5();

        Assert.Equal([Direction.East, Direction.NorthEast, Direction.North], machine.GetChip(new(0, 0)).Links);
        Assert.Equal([Direction.West, Direction.SouthWest, Direction.South], machine.GetChip(new(7, 7)).Links);
        Assert.Equal(6, machine.GetChip(new(3, 3)).Links.Count);
        // (0, 3) is the top of column 0: north (0, 4) and north-east (1, 4)... (1, 4) is on the board.
        Assert.Equal([Direction.East, Direction.NorthEast, Direction.South], machine.GetChip(new(0, 3)).Links);
        Assert.False(machine.TryGetNeighbour(new(7, 3), Direction.East, out _));
    }

    [Fact]
    public void SpiNN3_IsATwoByTwoTorus()
    {
        var machine = MachineBuilder.SpiNN3();

        Assert.Equal(4, machine.ChipCount);
        Assert.Equal(68, machine.ApplicationCoreCount);
        Assert.True(machine.TryGetNeighbour(new(1, 0), Direction.East, out var wrapped));
        Assert.Equal(new ChipCoordinate(0, 0), wrapped);
        Assert.True(machine.TryGetNeighbour(new(0, 0), Direction.SouthWest, out var corner));
        Assert.Equal(new ChipCoordinate(1, 1), corner);
    }

    [Fact]
    public void Triad_TilesTheTwelveByTwelveTorusWithThreeBoards()
    {
        var machine = MachineBuilder.Triads(1, 1);

        Assert.Equal(144, machine.ChipCount);
        Assert.True(machine.WrapsAround);
        Assert.Equal([new ChipCoordinate(0, 0), new ChipCoordinate(4, 8), new ChipCoordinate(8, 4)], machine.EthernetChips);
        var boards = machine.Chips.GroupBy(c => c.EthernetChip).ToList();
        Assert.Equal(3, boards.Count);
        Assert.All(boards, b => Assert.Equal(48, b.Count()));
        // Every chip sits on its board's hexagon, relative to the board's Ethernet chip.
        Assert.All(machine.Chips, c => Assert.True(BoardGeometry.IsOnSpiNN5Board(
            (c.X - c.EthernetChip.X + 12) % 12, (c.Y - c.EthernetChip.Y + 12) % 12)));
        Assert.All(machine.Chips, c => Assert.Equal(6, c.Links.Count));
    }

    [Fact]
    public void Triads_TwoByOneHasSixBoardsOnA24By12Torus()
    {
        var machine = MachineBuilder.Triads(2, 1);

        Assert.Equal(24, machine.Width);
        Assert.Equal(12, machine.Height);
        Assert.Equal(288, machine.ChipCount);
        Assert.Equal(6, machine.EthernetChips.Count);
        Assert.All(machine.EthernetChips, e => Assert.True(e.X % 4 == 0 && (e.X + e.Y) % 12 == 0));
        Assert.Equal(288 * 17, machine.ApplicationCoreCount);
    }

    [Fact]
    public void VirtualTorus_HasEveryChipAndEveryLink()
    {
        var machine = MachineBuilder.VirtualTorus(5, 3);

        Assert.Equal(15, machine.ChipCount);
        Assert.All(machine.Chips, c => Assert.Equal(6, c.Links.Count));
        Assert.All(machine.Chips, c => Assert.Equal(new ChipCoordinate(0, 0), c.EthernetChip));
        Assert.True(machine.TryGetNeighbour(new(0, 0), Direction.South, out var n));
        Assert.Equal(new ChipCoordinate(0, 2), n);
    }

    [Fact]
    public void VirtualTorus_MultipleOfTwelveIsGroupedIntoBoards()
    {
        var machine = MachineBuilder.VirtualTorus(12, 24);

        Assert.Equal(6, machine.EthernetChips.Count);
        Assert.All(machine.Chips.GroupBy(c => c.EthernetChip), b => Assert.Equal(48, b.Count()));
    }

    [Fact]
    public void Builders_RejectBadSizesAndCoreCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MachineBuilder.Triads(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MachineBuilder.VirtualTorus(3, -1));
        var e = Assert.Throws<ArgumentException>(() => MachineBuilder.SpiNN5(new MachineOptions { ApplicationCoresPerChip = 18 }));
        Assert.Contains("18", e.Message, StringComparison.Ordinal);
    }
}
