namespace SpiNNaker.Machine.Tests;

public class RoutingTableTests
{
    [Fact]
    public void RouteWord_LinksAreBits0To5AndCoresBits6To23()
    {
        var route = RouteWord.ToLink(Direction.North).WithLink(Direction.East).WithCore(0).WithCore(17);

        Assert.Equal((1u << 2) | 1u | (1u << 6) | (1u << 23), route.Value);
        Assert.Equal([Direction.East, Direction.North], route.Links);
        Assert.Equal([0, 17], route.Cores);
        Assert.Equal(2, route.LinkCount);
        Assert.Equal(2, route.CoreCount);
        Assert.True(route.HasCore(17));
        Assert.False(route.HasLink(Direction.West));
    }

    [Fact]
    public void RouteWord_RejectsBitsAbove23AndBadOutputs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouteWord(1u << 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => RouteWord.ToCore(18));
        Assert.Throws<ArgumentOutOfRangeException>(() => RouteWord.ToLink((Direction)6));
    }

    [Fact]
    public void RoutingEntry_MatchesOnMaskedKey()
    {
        var entry = new RoutingEntry(0x1200, 0xFF00, RouteWord.ToCore(1));

        Assert.True(entry.Matches(0x1200));
        Assert.True(entry.Matches(0x12FF));
        Assert.False(entry.Matches(0x1300));
    }

    [Fact]
    public void RoutingEntry_WithKeyBitsOutsideTheMaskIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new RoutingEntry(0x1201, 0xFF00, RouteWord.Empty));
        Assert.Contains("0x00001201", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_FirstMatchingEntryWins()
    {
        var table = new RoutingTable
        {
            { 0x10, 0xFFFFFFFF, RouteWord.ToCore(1) },
            { 0x10, 0xFFFFFFF0, RouteWord.ToCore(2) },
            { 0x00, 0x00000000, RouteWord.ToLink(Direction.East) },
        };

        Assert.Equal(RouteWord.ToCore(1), table.Lookup(0x10));
        Assert.Equal(RouteWord.ToCore(2), table.Lookup(0x1F));
        Assert.Equal(RouteWord.ToLink(Direction.East), table.Lookup(0x20));
        Assert.Equal(1, table.FindIndex(0x11));
    }

    [Fact]
    public void Lookup_NoMatchReturnsNull()
    {
        var table = new RoutingTable { { 0x10, 0xFFFFFFFF, RouteWord.ToCore(1) } };

        Assert.Null(table.Lookup(0x11));
        Assert.False(table.TryLookup(0x11, out var route));
        Assert.True(route.IsEmpty);
        Assert.Equal(-1, table.FindIndex(0x11));
    }

    [Fact]
    public void Add_The1024thEntryOverflowsWithCapacityAndCountReported()
    {
        var table = new RoutingTable();
        for (uint k = 0; k < RoutingTable.ApplicationCapacity; k++)
        {
            table.Add(k, 0xFFFFFFFF, RouteWord.ToCore(1));
        }

        var e = Assert.Throws<RoutingTableOverflowException>(() => table.Add(5000, 0xFFFFFFFF, RouteWord.ToCore(1)));

        Assert.Equal(1023, table.Count);
        Assert.Equal(1023, e.Capacity);
        Assert.Equal(1024, e.RequestedEntries);
        Assert.Contains("1023", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FromTooManyEntriesOverflows()
    {
        var entries = Enumerable.Range(0, 1024).Select(k => new RoutingEntry((uint)k, 0xFFFFFFFF, RouteWord.Empty));

        Assert.Throws<RoutingTableOverflowException>(() => new RoutingTable(entries));
        Assert.Equal(1024, new RoutingTable(entries, capacity: 16384).Count);
    }

    [Fact]
    public void Version_ChangesOnEveryEdit()
    {
        var table = new RoutingTable();
        var v0 = table.Version;
        table.Add(1, 0xFFFFFFFF, RouteWord.Empty);
        var v1 = table.Version;
        table.Insert(0, new RoutingEntry(2, 0xFFFFFFFF, RouteWord.Empty));
        var v2 = table.Version;
        table.RemoveAt(0);
        var v3 = table.Version;
        table.Clear();

        Assert.Equal(5, new[] { v0, v1, v2, v3, table.Version }.Distinct().Count());
    }
}
