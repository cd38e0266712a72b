using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Splitting;

namespace SpiNNaker.Toolchain.Tests;

public class KeyAllocatorTests
{
    [Theory]
    [InlineData(0u, 1UL)]
    [InlineData(5u, 11UL)]
    [InlineData(0x1000u, 3000UL)]
    [InlineData(0xFFFFFFF0u, 16UL)]
    [InlineData(7u, 1UL)]
    public void Cover_HoldsExactlyTheRange_InFewestAlignedBlocks(uint start, ulong count)
    {
        var blocks = KeyAndMask.Cover(start, count);

        // Oracle: enumerate the range and its surroundings.
        for (long k = Math.Max(0, start - 40L); k < Math.Min(1L << 32, (long)start + (long)count + 40); k++)
        {
            var inRange = k >= start && k < (long)start + (long)count;
            Assert.Equal(inRange ? 1 : 0, blocks.Count(b => b.Contains((uint)k)));
        }

        Assert.Equal(count, blocks.Aggregate(0UL, (s, b) => s + b.Count));
        Assert.All(blocks, b => Assert.True(b.IsPrefix));
    }

    [Fact]
    public void Cover_OfAPowerOfTwoAlignedRange_IsOneBlock_OfAnUnalignedRangeSeveral()
    {
        Assert.Equal([new KeyAndMask(0x100, 0xFFFFFF00)], KeyAndMask.Cover(0x100, 256));
        Assert.Equal([new KeyAndMask(5, 0xFFFFFFFF), new KeyAndMask(6, 0xFFFFFFFE), new KeyAndMask(8, 0xFFFFFFFC)], KeyAndMask.Cover(5, 7));
    }

    [Fact]
    public void Contiguous_EachPartitionGetsOneAlignedBlock_AllDisjoint()
    {
        var graph = new MachineGraph();
        var counts = new[] { 1, 3, 4, 5, 100, 1, 64, 17 };
        for (var i = 0; i < counts.Length; i++)
        {
            var v = graph.AddVertex(new SimpleMachineVertex($"v{i}", ResourceRequirements.None, counts[i]));
            graph.AddPartition(v, "out");
        }

        var info = new ContiguousKeyAllocator().Allocate(graph);

        foreach (var keys in info.Partitions)
        {
            var km = Assert.Single(keys.KeysAndMasks);
            var size = System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)keys.KeyCount);
            Assert.Equal(size, km.Count);
            Assert.Equal(0UL, km.Key % size);
            Assert.Equal(km.Mask, keys.Mask);
            for (var i = 0; i < keys.KeyCount; i++)
            {
                Assert.Equal(km.Key + (uint)i, keys.KeyFor(i));
            }
        }

        AssertDisjoint(info);
        Assert.Equal(242UL, info.Partitions.Max(p => (ulong)p.KeysAndMasks[0].LastKey) + 1); // blocks of 128+64+32+8+4+4+1+1 pack with no gap
    }

    [Fact]
    public void FixedKeysAreKept_AndOtherPartitionsAvoidThem()
    {
        var graph = new MachineGraph();
        var fixedVertex = graph.AddVertex(new SimpleMachineVertex("fixed", ResourceRequirements.None, 8));
        graph.AddPartition(fixedVertex, "out").FixedKeys = new FixedKeyAndMask(0x0, 0xFFFFFFF8);
        for (var i = 0; i < 6; i++)
        {
            graph.AddPartition(graph.AddVertex(new SimpleMachineVertex($"v{i}", ResourceRequirements.None, 4)), "out");
        }

        var info = new ContiguousKeyAllocator().Allocate(graph);

        Assert.Equal(new KeyAndMask(0x0, 0xFFFFFFF8), info[graph.Partitions[0]].KeysAndMasks.Single());
        AssertDisjoint(info);
        Assert.Equal(7, info.Partitions.Count);
    }

    [Fact]
    public void OverlappingFixedKeys_AreAnErrorNamingBothPartitions()
    {
        var graph = new MachineGraph();
        var a = graph.AddVertex(new SimpleMachineVertex("a", ResourceRequirements.None));
        var b = graph.AddVertex(new SimpleMachineVertex("b", ResourceRequirements.None));
        graph.AddPartition(a, "out").FixedKeys = new FixedKeyAndMask(0x10, 0xFFFFFFF0);
        graph.AddPartition(b, "out").FixedKeys = new FixedKeyAndMask(0x14, 0xFFFFFFFF);

        var e = Assert.Throws<KeyAllocationException>(() => new ContiguousKeyAllocator().Allocate(graph));

        Assert.Contains("0x00000014/0xFFFFFFFF of partition b/out overlap fixed keys 0x00000010/0xFFFFFFF0 of partition a/out", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeySpaceExhausted_IsAnError()
    {
        var graph = new MachineGraph();
        for (var i = 0; i < 3; i++)
        {
            graph.AddPartition(graph.AddVertex(new SimpleMachineVertex($"v{i}", ResourceRequirements.None, int.MaxValue)), "out");
        }

        var e = Assert.Throws<KeyAllocationException>(() => new ContiguousKeyAllocator().Allocate(graph));

        Assert.Contains("key space is exhausted", e.Message, StringComparison.Ordinal);
        Assert.Contains("v2/out needs an aligned block of 2,147,483,648 keys", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalPartition_KeyMinusLayerFirstKeyIsTheSourceNeuron_ForEveryIdentifier()
    {
        // Layers of 10 and 7 neurons, 3 neurons per core (slices of 4/3/3 and 3/2/2), each
        // with "forward" and "backward" partitions.
        var graph = new ApplicationGraph();
        var a = graph.AddVertex(new SimpleApplicationVertex("a", 10, new ResourceRequirements(1, 0)) { Splitter = new FixedSizeSplitter(4) });
        var b = graph.AddVertex(new SimpleApplicationVertex("b", 7, new ResourceRequirements(1, 0)) { Splitter = new FixedSizeSplitter(3) });
        graph.AddEdge(a, b, "forward");
        graph.AddEdge(b, a, "backward");
        graph.AddPartition(b, "forward");
        graph.AddPartition(a, "backward");
        var machineGraph = new GraphSplitter().Split(graph);

        var info = new GlobalPartitionKeyAllocator().Allocate(machineGraph);

        foreach (var layer in new[] { a, b })
        {
            foreach (var id in new[] { "forward", "backward" })
            {
                var (first, count) = info.ApplicationKeyRange(machineGraph, layer, id);
                Assert.Equal(layer.AtomCount, count);
                foreach (var vertex in machineGraph.MachineVerticesOf(layer))
                {
                    var keys = info.Get(machineGraph, vertex, id);
                    for (var i = 0; i < vertex.Slice.Count; i++)
                    {
                        Assert.Equal((uint)(vertex.Slice.LoAtom + i), keys.KeyFor(i) - first);
                        Assert.True(keys.Contains(keys.KeyFor(i)));
                    }

                    Assert.False(keys.Contains(first + (uint)vertex.Slice.LoAtom + (uint)vertex.Slice.Count)); // the next neuron is not ours
                }

                // The layer's block is aligned to a power of two, so one entry could cover it.
                Assert.Equal(0u, first % (uint)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)layer.AtomCount));
            }
        }

        AssertDisjoint(info);
    }

    [Fact]
    public void Contiguous_LayerKeysAreNotConsecutive_ApplicationKeyRangeSaysSo()
    {
        var graph = new ApplicationGraph();
        var a = graph.AddVertex(new SimpleApplicationVertex("a", 6, new ResourceRequirements(1, 0)) { Splitter = new FixedSizeSplitter(3) });
        graph.AddPartition(a, "forward");
        var machineGraph = new GraphSplitter().Split(graph);

        var info = new ContiguousKeyAllocator().Allocate(machineGraph);

        var e = Assert.Throws<InvalidOperationException>(() => info.ApplicationKeyRange(machineGraph, a, "forward"));
        Assert.Contains("not consecutive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFind_GivesThePartitionAndIndexOfEveryAllocatedKey_AndNothingForOthers()
    {
        var graph = new MachineGraph();
        var counts = new[] { 1, 3, 5, 100, 17 };
        for (var i = 0; i < counts.Length; i++)
        {
            graph.AddPartition(graph.AddVertex(new SimpleMachineVertex($"v{i}", ResourceRequirements.None, counts[i])), "out");
        }

        var odd = graph.AddVertex(new SimpleMachineVertex("odd", ResourceRequirements.None, 4));
        graph.AddPartition(odd, "out").FixedKeys = new FixedKeyAndMask(0x0100_0000, 0xFF00_FF00 | 0xF0); // 12 free bits, not a prefix; the partition uses 4 keys

        foreach (var allocator in new IKeyAllocator[] { new ContiguousKeyAllocator(), new GlobalPartitionKeyAllocator() })
        {
            var info = allocator.Allocate(graph);
            var used = new HashSet<uint>();
            foreach (var keys in info.Partitions)
            {
                for (var i = 0; i < keys.KeyCount; i++)
                {
                    var key = keys.KeyFor(i);
                    used.Add(key);
                    Assert.True(info.TryFind(key, out var found, out var index), $"key 0x{key:X8}");
                    Assert.Same(keys, found);
                    Assert.Equal(i, index);
                }
            }

            for (uint key = 0; key < 300; key++)
            {
                Assert.Equal(used.Contains(key), info.TryFind(key, out _, out _));
            }

            Assert.False(info.TryFind(0x0100_0000 | 0x0000_0005, out _, out _)); // index 5 of the fixed set: beyond the 4 keys used
        }
    }

    private static void AssertDisjoint(RoutingInfo info)
    {
        var all = info.Partitions.SelectMany(p => p.KeysAndMasks.Select(km => (p.Partition, km))).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            for (var j = i + 1; j < all.Count; j++)
            {
                Assert.False(all[i].km.Intersects(all[j].km), $"{all[i].Partition} {all[i].km} overlaps {all[j].Partition} {all[j].km}");
            }
        }
    }
}
