using System.Text.Json;
using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Routing.Compression;

namespace SpiNNaker.Toolchain.Tests;

public class PipelineTests
{
    /// <summary>Every key of every partition, traced through the loaded tables, reaches exactly the partition's target cores.</summary>
    internal static void AssertEveryKeyReachesExactlyItsTargets(Mapping mapping, int keysPerPartition = int.MaxValue)
    {
        foreach (var keys in mapping.RoutingInfo.Partitions)
        {
            var expected = keys.Partition.Targets.Select(t => mapping.Placements[t]).OrderBy(c => (c.X, c.Y, c.P)).ToList();
            var source = mapping.Placements[keys.Partition.Source];
            for (var i = 0; i < Math.Min(keys.KeyCount, keysPerPartition); i++)
            {
                var reached = PacketTracer.Trace(mapping.Machine, mapping.Tables.Tables, source, keys.KeyFor(i));
                Assert.Equal(expected, reached.ToList());
            }
        }
    }

    private static ApplicationGraph SparseLayers(int seed, int layers, int atoms, int connectionsPerAtom)
    {
        var random = new Random(seed);
        var graph = new ApplicationGraph();
        SimpleApplicationVertex? previous = null;
        for (var l = 0; l < layers; l++)
        {
            var layer = graph.AddVertex(new SimpleApplicationVertex($"L{l}", atoms, new ResourceRequirements(11_000, 2_000), new ResourceRequirements(2_000, 10_000)));
            if (previous is not null)
            {
                var connections = new List<(int, int)>();
                for (var a = 0; a < atoms; a++)
                {
                    for (var c = 0; c < connectionsPerAtom; c++)
                    {
                        connections.Add((a, Math.Clamp(a + random.Next(-40, 41), 0, atoms - 1)));
                    }
                }

                graph.AddEdge(previous, layer, "forward", new ConnectionListConnectivity(connections));
                graph.AddEdge(layer, previous, "backward", new ConnectionListConnectivity(connections.Select(c => (c.Item2, c.Item1))));
            }

            previous = layer;
        }

        return graph;
    }

    [Fact]
    public void WholePipeline_OnASpiNN5_EveryPacketReachesExactlyItsTargets()
    {
        var graph = SparseLayers(seed: 1, layers: 4, atoms: 600, connectionsPerAtom: 6);

        var mapping = new Mapper().Map(graph, MachineBuilder.SpiNN5());

        Assert.Equal(4 * 120, mapping.MachineGraph.Vertices.Count); // 5 atoms per core: 2,000 + 5 x 11,000 <= 61,440 < 2,000 + 6 x 11,000
        Assert.Equal(mapping.MachineGraph.Vertices.Count, mapping.Placements.Count);
        Assert.Equal(Mapper.PassNames, mapping.Timings.Select(t => t.Pass));
        AssertEveryKeyReachesExactlyItsTargets(mapping);
    }

    [Fact]
    public void WholePipeline_WithForcedCompression_AndDeadChipsAndLinks_StillDeliversExactly()
    {
        var machine = MachineBuilder.SpiNN5(new MachineOptions
        {
            DeadChips = [new ChipCoordinate(2, 2), new ChipCoordinate(4, 5)],
            DeadLinks = [new LinkLocation(new ChipCoordinate(1, 0), Direction.North), new LinkLocation(new ChipCoordinate(3, 3), Direction.East)],
            DeadCores = [new CoreLocation(0, 0, 3)],
        });
        var graph = SparseLayers(seed: 2, layers: 3, atoms: 700, connectionsPerAtom: 5);
        var options = new MapperOptions
        {
            KeyAllocator = new GlobalPartitionKeyAllocator(),
            Compression = new TableCompressionPass(policy: CompressionPolicy.Always),
        };

        var mapping = new Mapper(options).Map(graph, machine);

        Assert.DoesNotContain(mapping.Placements, p => p.Core.Chip == new ChipCoordinate(2, 2) || p.Core == new CoreLocation(0, 0, 3));
        Assert.All(mapping.Trees.Trees, t => Assert.DoesNotContain(t.Hops, h => h.Chip == new ChipCoordinate(4, 5)));
        Assert.True(mapping.Tables.TotalEntries < mapping.UncompressedTables.TotalEntries);
        AssertEveryKeyReachesExactlyItsTargets(mapping);
    }

    [Fact]
    public void SeedMlpNeuronPerCore_WithForwardAndBackwardPartitions_FitsASpiNN5AndDeliversEveryKey()
    {
        // The seed's inference MLP 224-50-50-300-50-25-17, one neuron per core, each layer
        // sending "forward" to the next and "backward" to the previous (except the input).
        int[] sizes = [224, 50, 50, 300, 50, 25, 17];
        var graph = new ApplicationGraph();
        var layers = sizes.Select((n, i) => graph.AddVertex(new SimpleApplicationVertex($"L{i}", n, new ResourceRequirements(1_000, 1_000)) { Splitter = new Splitting.FixedSizeSplitter(1) })).ToArray();
        for (var i = 0; i + 1 < layers.Length; i++)
        {
            graph.AddEdge(layers[i], layers[i + 1], "forward");
            if (i > 0)
            {
                graph.AddEdge(layers[i + 1], layers[i], "backward");
            }
        }

        var options = new MapperOptions { KeyAllocator = new GlobalPartitionKeyAllocator(), Compression = new TableCompressionPass(policy: CompressionPolicy.Always) };
        var mapping = new Mapper(options).Map(graph, MachineBuilder.SpiNN5());

        Assert.Equal(716, mapping.Placements.Count);
        Assert.Equal(699 + 442, mapping.MachineGraph.Partitions.Count); // forward from layers 0-5, backward from layers 2-6
        Assert.True(mapping.Tables.TotalEntries * 10 < mapping.UncompressedTables.TotalEntries, $"{mapping.UncompressedTables.TotalEntries} -> {mapping.Tables.TotalEntries}");
        AssertEveryKeyReachesExactlyItsTargets(mapping);
        foreach (var layer in layers)
        {
            var (_, count) = mapping.RoutingInfo.ApplicationKeyRange(mapping.MachineGraph, layer, layer == layers[^1] ? "backward" : "forward");
            Assert.Equal(layer.AtomCount, count);
        }
    }

    [Fact]
    public void SameGraphMappedTwice_GivesTheSameReportByteForByte()
    {
        string Map() => new Mapper().Map(SparseLayers(3, 3, 300, 4), MachineBuilder.SpiNN5()).CreateReport().ToJson();

        Assert.Equal(Map(), Map());
    }

    [Fact]
    public void Report_JsonAndTextCarryPlacementsKeysAndTableSizes()
    {
        var (graph, layers) = GraphBuilders.Layers(atomsPerCore: 10, 30, 20);
        var mapping = new Mapper().Map(graph, MachineBuilder.SpiNN3());

        var report = mapping.CreateReport();
        using var json = JsonDocument.Parse(report.ToJson(includeTimings: true));
        var root = json.RootElement;

        Assert.Equal(5, root.GetProperty("summary").GetProperty("machineVertices").GetInt32());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("applicationVertices").GetInt32());
        Assert.Equal(5, root.GetProperty("placements").GetArrayLength());
        var first = root.GetProperty("placements")[0];
        var vertex = mapping.MachineGraph.Vertices.Single(v => v.Label == first.GetProperty("vertex").GetString());
        Assert.Equal(mapping.Placements[vertex], new CoreLocation(first.GetProperty("x").GetInt32(), first.GetProperty("y").GetInt32(), first.GetProperty("p").GetInt32()));
        var partition = root.GetProperty("partitions")[0];
        var keys = mapping.RoutingInfo.Partitions[0];
        Assert.Equal($"0x{keys.FirstKey:X8}", partition.GetProperty("keys")[0].GetProperty("key").GetString());
        Assert.Equal(mapping.Tables.Sizes.Sum(s => s.Generated), root.GetProperty("tables").EnumerateArray().Sum(t => t.GetProperty("generated").GetInt32()));
        Assert.Equal(Mapper.PassNames, root.GetProperty("passSeconds").EnumerateObject().Select(p => p.Name));

        var text = report.ToText();
        Assert.Contains($"{mapping.Placements[vertex],-14} {vertex.Label}", text, StringComparison.Ordinal);
        Assert.Contains("routing tables:", text, StringComparison.Ordinal);
        Assert.Equal(layers.Length, report.Summary.ApplicationVertices);

        // 30 + 20 atoms, 10 per core: 3 + 2 cores of 1,000 + 10 x 100 B DTCM and 4,000 + 10 x 1,000 B
        // SDRAM, all on one chip; only layer0 sends (one key per atom).
        Assert.Equal(30, report.Summary.Keys);
        Assert.Equal(5 * 2_000, report.Summary.DtcmBytesUsed);
        Assert.Equal(2_000, report.Summary.DtcmBytesMax);
        Assert.Equal(1, report.Summary.ChipsUsed);
        Assert.Equal(5 * 14_000, report.Summary.SdramBytesMaxPerChip);
        Assert.Equal(30, root.GetProperty("summary").GetProperty("keys").GetInt64());
        Assert.Contains("keys:               30 in 3 partitions", text, StringComparison.Ordinal); // one per sending core
    }

    [Fact]
    public void Report_SavedFilesAreComplete()
    {
        var (graph, _) = GraphBuilders.Layers(atomsPerCore: 10, 30, 20);
        var report = new Mapper().Map(graph, MachineBuilder.SpiNN3()).CreateReport();
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            report.SaveJson(Path.Combine(directory.FullName, "map.json"));
            report.SaveText(Path.Combine(directory.FullName, "map.txt"));

            Assert.Equal(report.ToJson(indented: true), File.ReadAllText(Path.Combine(directory.FullName, "map.json")));
            Assert.Equal(report.ToText(), File.ReadAllText(Path.Combine(directory.FullName, "map.txt")));
            Assert.Equal(2, directory.GetFiles().Length); // no temporary file left behind
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void GraphTooBigForTheMachine_MapperErrorNamesTheNumbers()
    {
        var (graph, _) = GraphBuilders.Layers(atomsPerCore: 1, 40, 30);

        var e = Assert.Throws<PlacementException>(() => new Mapper().Map(graph, MachineBuilder.SpiNN3()));

        Assert.Contains("needs 70 cores", e.Message, StringComparison.Ordinal);
        Assert.Contains("68 application cores", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableOverflowAfterCompression_MapperErrorNamesTheChip()
    {
        // 17 sources on chip (0,0), each sending one key to a different set of cores on
        // (1,0): 17 distinct routes that cannot merge, with room for only 10 entries.
        var graph = new MachineGraph();
        var sources = Enumerable.Range(0, 17).Select(i => graph.AddVertex(new SimpleMachineVertex($"s{i}", GraphBuilders.Small))).ToArray();
        var targets = Enumerable.Range(0, 17).Select(i => graph.AddVertex(new SimpleMachineVertex($"t{i}", GraphBuilders.Small))).ToArray();
        for (var i = 0; i < 17; i++)
        {
            sources[i].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(0, 0)));
            targets[i].AddConstraint(new ChipAndCoreConstraint(new ChipCoordinate(1, 0)));
            graph.AddEdge(sources[i], targets[i], "out");
        }

        var options = new MapperOptions { Compression = new TableCompressionPass(capacity: 10) };
        var e = Assert.Throws<RoutingTableOverflowException>(() => new Mapper(options).Map(graph, MachineBuilder.SpiNN5()));

        Assert.Contains("chip (1, 0)", e.Message, StringComparison.Ordinal);
        Assert.Contains("17 entries generated", e.Message, StringComparison.Ordinal);
        Assert.Contains("the router holds 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadChipsCuttingOffAFixedTarget_MapperErrorSaysWhy()
    {
        // Every neighbour of (3, 3) is dead: a vertex fixed there cannot be reached.
        var center = new ChipCoordinate(3, 3);
        var machine = MachineBuilder.SpiNN5(new MachineOptions
        {
            DeadChips = [.. Enum.GetValues<Direction>().Select(center.Step)],
        });
        var (graph, v) = GraphBuilders.Vertices(2);
        v[1].AddConstraint(new ChipAndCoreConstraint(center));
        graph.AddEdge(v[0], v[1], "out");

        var e = Assert.Throws<PlacementException>(() => new Mapper().Map(graph, machine));

        Assert.Contains("fixed to chip (3, 3), which cannot be reached from the Ethernet chip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysAreReadableFromTheMappingForDataGeneration()
    {
        var (graph, layers) = GraphBuilders.Layers(atomsPerCore: 4, 8, 4);
        var mapping = new Mapper(new MapperOptions { KeyAllocator = new GlobalPartitionKeyAllocator() }).Map(graph, MachineBuilder.SpiNN3());

        var (first, count) = mapping.RoutingInfo.ApplicationKeyRange(mapping.MachineGraph, layers[0], "forward");
        var second = mapping.MachineGraph.MachineVerticesOf(layers[0])[1];

        Assert.Equal(8, count);
        Assert.Equal(first + 4, mapping.KeysOf(second, "forward").FirstKey);
    }
}
