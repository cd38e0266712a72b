namespace SpiNNaker.Machine.Tests;

public class DeadPartsTests
{
    [Fact]
    public void DeadChip_IsAbsentAndItsNeighboursLoseTheirLinksToIt()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadChips = [new(3, 3)] });

        Assert.Equal(47, machine.ChipCount);
        Assert.Equal(47 * 17, machine.ApplicationCoreCount);
        Assert.False(machine.TryGetChip(new(3, 3), out _));
        Assert.False(machine.GetChip(new(2, 3)).HasLink(Direction.East));
        Assert.False(machine.GetChip(new(2, 2)).HasLink(Direction.NorthEast));
        Assert.False(machine.GetChip(new(3, 4)).HasLink(Direction.South));
        Assert.True(machine.GetChip(new(2, 3)).HasLink(Direction.North));
    }

    [Fact]
    public void DeadCore_IsNotAnApplicationCore()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadCores = [new(1, 1, 5), new(1, 1, 17)] });
        var chip = machine.GetChip(new(1, 1));

        Assert.Equal(15, chip.ApplicationCores.Count);
        Assert.DoesNotContain(5, chip.ApplicationCores);
        Assert.False(chip.IsProcessorWorking(5));
        Assert.Equal(16, chip.WorkingProcessorCount);
        Assert.Equal(814, machine.ApplicationCoreCount);
    }

    [Fact]
    public void DeadCore_WithSixteenCoresTheSpareReplacesIt()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { ApplicationCoresPerChip = 16, DeadCores = [new(0, 0, 3)] });

        Assert.Equal([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], machine.GetChip(new(0, 0)).ApplicationCores);
    }

    [Fact]
    public void DeadLink_IsDeadInBothDirections()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions { DeadLinks = [new(new(1, 1), Direction.East)] });

        Assert.False(machine.TryGetNeighbour(new(1, 1), Direction.East, out _));
        Assert.False(machine.TryGetNeighbour(new(2, 1), Direction.West, out _));
        Assert.True(machine.TryGetNeighbour(new(1, 1), Direction.North, out _));
    }

    [Fact]
    public void DeadMonitorCore_IsRejectedWithTheCoreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => MachineBuilder.SpiNN5(new MachineOptions { DeadCores = [new(2, 2, 0)] }));
        Assert.Contains("(2, 2, 0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadPartOutsideTheMachine_IsRejectedWithItsCoordinate()
    {
        var chip = Assert.Throws<ArgumentException>(() => MachineBuilder.SpiNN5(new MachineOptions { DeadChips = [new(7, 0)] }));
        Assert.Contains("(7, 0)", chip.Message, StringComparison.Ordinal);
        var link = Assert.Throws<ArgumentException>(() => MachineBuilder.SpiNN3(new MachineOptions { DeadLinks = [new(new(5, 5), Direction.North)] }));
        Assert.Contains("(5, 5)", link.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadEthernetChip_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => MachineBuilder.Triads(1, 1, new MachineOptions { DeadChips = [new(4, 8)] }));
        Assert.Contains("Ethernet", e.Message, StringComparison.Ordinal);
    }
}
