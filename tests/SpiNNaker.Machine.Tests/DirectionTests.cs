namespace SpiNNaker.Machine.Tests;

public class DirectionTests
{
    [Theory]
    [InlineData(Direction.East, 1, 0)]
    [InlineData(Direction.NorthEast, 1, 1)]
    [InlineData(Direction.North, 0, 1)]
    [InlineData(Direction.West, -1, 0)]
    [InlineData(Direction.SouthWest, -1, -1)]
    [InlineData(Direction.South, 0, -1)]
    public void Vector_MatchesTheHardwareLinkNumbering(Direction direction, int dx, int dy)
    {
        Assert.Equal((dx, dy), direction.Vector());
        Assert.Equal(direction, DirectionExtensions.FromVector(dx, dy));
    }

    [Fact]
    public void Opposite_IsLinkPlusThreeModSix_AndUndoesTheStep()
    {
        foreach (var d in DirectionExtensions.All)
        {
            Assert.Equal((int)d + 3 - (((int)d + 3) >= 6 ? 6 : 0), (int)d.Opposite());
            var (dx, dy) = d.Vector();
            Assert.Equal((-dx, -dy), d.Opposite().Vector());
        }
    }

    [Fact]
    public void EmergencyLegs_AddUpToTheBlockedLinksStep()
    {
        foreach (var d in DirectionExtensions.All)
        {
            var (ax, ay) = d.EmergencyFirstLeg().Vector();
            var (bx, by) = d.EmergencySecondLeg().Vector();
            Assert.Equal(d.Vector(), (ax + bx, ay + by));
            Assert.NotEqual(d, d.EmergencyFirstLeg());
        }
    }

    [Fact]
    public void FromVector_ReturnsNullForAStepNoLinkMakes()
    {
        Assert.Null(DirectionExtensions.FromVector(1, -1));
        Assert.Null(DirectionExtensions.FromVector(2, 0));
    }
}
