using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Routing.Compression;
using SpiNNaker.Toolchain.Routing.Tables;

namespace SpiNNaker.Toolchain.Tests;

public class CompressionTests
{
    private static readonly OutgoingEdgePartition AnyPartition = MakePartition();

    private static OutgoingEdgePartition MakePartition()
    {
        var graph = new MachineGraph();
        return graph.AddPartition(graph.AddVertex(new SimpleMachineVertex("p", ResourceRequirements.None)), "x");
    }

    /// <summary>
    /// Entries on 12-bit keys in random aligned blocks with a few random routes, some of them
    /// straight-through: a table of the kind the generator makes, small enough to check every key.
    /// </summary>
    private static UncompressedTable RandomTable(int seed, int blocks, int routes, double straightShare)
    {
        var random = new Random(seed);
        var routeWords = Enumerable.Range(0, routes).Select(_ => new RouteWord((uint)random.Next(1, 1 << 24))).ToArray();
        var entries = new List<GeneratedEntry>();
        var used = new bool[4096];
        for (var i = 0; i < blocks; i++)
        {
            var size = 1 << random.Next(0, 4);
            var start = random.Next(0, 4096 / size) * size;
            if (used.AsSpan(start, size).Contains(true))
            {
                continue;
            }

            used.AsSpan(start, size).Fill(true);
            var straight = random.NextDouble() < straightShare;
            var route = straight ? RouteWord.ToLink(Direction.East) : routeWords[random.Next(routes)];
            entries.Add(new GeneratedEntry(new RoutingEntry((uint)start, ~(uint)(size - 1), route), AnyPartition, straight));
        }

        return new UncompressedTable(new ChipCoordinate(0, 0), [.. entries.OrderBy(e => e.Entry.Key)]);
    }

    [Theory]
    [InlineData(1, 600, 3, 0.0)]
    [InlineData(2, 900, 8, 0.2)]
    [InlineData(3, 1500, 2, 0.5)]
    [InlineData(4, 300, 40, 0.1)]
    public void PairCompressor_EveryKeyGoesWhereItWent_DefaultRoutedKeysMatchNothing(int seed, int blocks, int routes, double straightShare)
    {
        var table = RandomTable(seed, blocks, routes, straightShare);
        var pass = new TableCompressionPass(policy: CompressionPolicy.Always);

        var (sizes, compressed) = pass.CompressOne(table);

        Assert.NotNull(compressed);

        // Oracle: the one original entry of each key (the random blocks never overlap).
        var owner = new GeneratedEntry?[4096];
        foreach (var entry in table.Entries)
        {
            for (var key = entry.Entry.Key; key <= (entry.Entry.Key | ~entry.Entry.Mask); key++)
            {
                Assert.Null(owner[key]);
                owner[key] = entry;
            }
        }

        for (uint key = 0; key < 4096; key++)
        {
            if (owner[key] is not { } entry)
            {
                continue; // never reaches this chip: any route is fine
            }

            if (entry.IsStraightThrough)
            {
                Assert.Null(compressed.Lookup(key)); // left to default routing
            }
            else
            {
                Assert.Equal(entry.Entry.Route, compressed.Lookup(key));
            }
        }

        Assert.Equal(table.Count, sizes.Generated);
        Assert.Equal(table.Count - table.StraightThroughCount, sizes.AfterDefaultRoutes);
        Assert.Equal(compressed.Count, sizes.Final);
        Assert.True(sizes.Final < sizes.AfterDefaultRoutes, $"{sizes.AfterDefaultRoutes} entries did not compress");
    }

    [Fact]
    public void PairCompressor_MergesAdjacentBlocksOfOneRoute_IntoOneEntry()
    {
        var route = RouteWord.ToCore(3);
        var entries = Enumerable.Range(0, 16).Select(i => new RoutingEntry((uint)i * 4, 0xFFFFFFFC, route)).ToList();

        var result = new PairCompressor().Compress(entries, []);

        Assert.Equal([new RoutingEntry(0, 0xFFFFFFC0, route)], result);
    }

    [Fact]
    public void TableOver1023Entries_IsCompressedToFit_AndStillRoutesEveryKeyAsBefore()
    {
        // 2,000 single keys on three routes, interleaved in runs of 1-4 keys.
        var random = new Random(21);
        var routes = new[] { RouteWord.ToCore(1), RouteWord.ToLink(Direction.North).WithCore(2), RouteWord.ToLink(Direction.East) };
        var entries = new List<GeneratedEntry>();
        var route = 0;
        for (var key = 0u; key < 2000;)
        {
            var run = random.Next(1, 5);
            for (var i = 0; i < run && key < 2000; i++, key++)
            {
                entries.Add(new GeneratedEntry(new RoutingEntry(key, 0xFFFFFFFF, routes[route]), AnyPartition, false));
            }

            route = (route + 1 + random.Next(2)) % 3;
        }

        var table = new UncompressedTable(new ChipCoordinate(1, 2), entries);

        var (sizes, compressed) = new TableCompressionPass().CompressOne(table);

        Assert.True(sizes.Compressed);
        Assert.Equal(2000, sizes.Generated);
        Assert.True(compressed!.Count <= RoutingTable.ApplicationCapacity, $"{compressed.Count} entries");
        foreach (var entry in entries)
        {
            Assert.Equal(entry.Entry.Route, compressed.Lookup(entry.Entry.Key));
        }
    }

    [Fact]
    public void DefaultPolicy_CompressesOnlyTablesOverCapacity()
    {
        var table = RandomTable(7, 200, 2, 0.0);
        var pass = new TableCompressionPass();

        var (sizes, compressed) = pass.CompressOne(table);

        Assert.False(sizes.Compressed);
        Assert.Equal(table.Count, compressed!.Count);

        var small = new TableCompressionPass(capacity: 50).CompressOne(table);
        Assert.True(small.Sizes.Compressed);
        Assert.True(small.Sizes.Final <= 50);
    }

    [Fact]
    public void IncompressibleTableOverCapacity_ErrorNamesTheChipAndEverySize()
    {
        // 1,100 entries, each with its own route: no two can merge.
        var entries = Enumerable.Range(0, 1100)
            .Select(i => new GeneratedEntry(new RoutingEntry((uint)i, 0xFFFFFFFF, new RouteWord((uint)i + 1)), AnyPartition, false))
            .ToList();
        var table = new UncompressedTable(new ChipCoordinate(2, 3), entries);

        var e = Assert.Throws<RoutingTableOverflowException>(() => new TableCompressionPass().CompressOne(table));

        Assert.Contains("chip (2, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("1100 entries generated, 1100 after removing default routes, 1100 after pair compression; the router holds 1023", e.Message, StringComparison.Ordinal);
        Assert.Equal(1023, e.Capacity);
        Assert.Equal(1100, e.RequestedEntries);
    }

    [Fact]
    public void StraightThroughEntriesAreRemoved_OthersKept()
    {
        var straight = new GeneratedEntry(new RoutingEntry(0, 0xFFFFFFFF, RouteWord.ToLink(Direction.North)), AnyPartition, true);
        var kept = new GeneratedEntry(new RoutingEntry(1, 0xFFFFFFFF, RouteWord.ToLink(Direction.North)), AnyPartition, false);

        var (sizes, table) = new TableCompressionPass().CompressOne(new UncompressedTable(new ChipCoordinate(0, 0), [straight, kept]));

        Assert.Equal(new TableSizes(new ChipCoordinate(0, 0), 2, 1, 1, false), sizes);
        Assert.Equal([kept.Entry], table!);
        var (_, none) = new TableCompressionPass().CompressOne(new UncompressedTable(new ChipCoordinate(0, 0), [straight]));
        Assert.Null(none);
        var (keptAll, _) = new TableCompressionPass(removeDefaultRoutes: false).CompressOne(new UncompressedTable(new ChipCoordinate(0, 0), [straight, kept]));
        Assert.Equal(2, keptAll.Final);
    }
}
