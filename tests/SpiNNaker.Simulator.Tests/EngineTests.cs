using SpiNNaker.Machine;

namespace SpiNNaker.Simulator.Tests;

public class EngineTests
{
    [Fact]
    public void RouterLookup_AgreesWithTheOrderedScanOnRandomMaskedTables()
    {
        var random = new Random(5);
        uint[] masks = [0xFFFFFFFF, 0xFFFFFF00, 0xFFFF0000, 0xFFFFFFF0, 0x00000000, 0xF0F0F0F0];
        for (var trial = 0; trial < 20; trial++)
        {
            var table = new RoutingTable();
            var count = random.Next(1, 400);
            for (var i = 0; i < count; i++)
            {
                var mask = masks[random.Next(masks.Length - (trial % 2 == 0 ? 2 : 0))];
                var key = (uint)random.Next(0, 4096) & mask;
                if (random.Next(50) == 0)
                {
                    key = uint.MaxValue & mask;
                }

                table.Add(key, mask, new RouteWord((uint)random.Next(1, 1 << 24)));
            }

            var router = new Router(0, new ChipCoordinate(0, 0));
            router.LoadTable(table);
            for (var probe = 0; probe < 3000; probe++)
            {
                var key = probe % 7 == 0 ? uint.MaxValue - (uint)random.Next(3) : (uint)random.Next(0, 8192);
                var expected = table.TryLookup(key, out var route) ? (int)route.Value : Router.NoRoute;
                Assert.Equal(expected, router.Lookup(key));
                Assert.Equal(expected, router.Lookup(key)); // again, from the cache
            }
        }
    }

    [Fact]
    public void RouterLookup_StaysExactWhenMoreKeysArriveThanTheMemoHolds()
    {
        // 40,000 distinct keys (the memo keeps at most 32,768 before starting afresh), twice over.
        var table = new RoutingTable();
        for (uint i = 0; i < 200; i++)
        {
            table.Add(i << 8, 0xFFFFFF00, new RouteWord(1u + i));
        }

        table.Add(0x8000_0000, 0x8000_0000, new RouteWord(0x3F));
        var router = new Router(0, new ChipCoordinate(0, 0));
        router.LoadTable(table);
        for (var round = 0; round < 2; round++)
        {
            for (uint key = 0; key < 40_000; key++)
            {
                var probe = (key * 2_654_435_761u) ^ (uint)round;
                var expected = table.TryLookup(probe, out var route) ? (int)route.Value : Router.NoRoute;
                Assert.Equal(expected, router.Lookup(probe));
            }
        }
    }

    [Fact]
    public void EventQueue_PopsInTimeThenSchedulingOrder_AcrossTheWheelAndTheFarHeap()
    {
        var queue = new EventQueue();
        var random = new Random(9);
        var expected = new List<(long Time, int Target)>();
        var now = 0L;
        var target = 0;
        for (var round = 0; round < 2000; round++)
        {
            // Schedule a few events near and far ahead (some at the same time), then pop some.
            for (var i = 0; i < random.Next(0, 4); i++)
            {
                var time = now + random.Next(5) switch
                {
                    0 => 0,
                    1 => random.Next(1, 2_000),
                    2 => random.Next(2_000, 2_000_000),
                    3 => random.Next(2_000_000, 400_000_000),
                    _ => 1_000,
                };
                queue.Push(time, EventKind.CoreWake, target, 0, 0, 0, 0);
                expected.Add((time, target++));
            }

            for (var i = 0; i < random.Next(0, 4) && queue.Count > 0; i++)
            {
                queue.Pop(out var e);
                var first = expected.OrderBy(x => x.Time).ThenBy(x => x.Target).First();
                Assert.Equal(first, (e.Time, e.Target));
                expected.Remove(first);
                now = e.Time;
            }
        }

        while (queue.Count > 0)
        {
            queue.Pop(out var e);
            var first = expected.OrderBy(x => x.Time).ThenBy(x => x.Target).First();
            Assert.Equal(first, (e.Time, e.Target));
            expected.Remove(first);
        }

        Assert.Empty(expected);
        Assert.False(queue.TryPop(long.MaxValue, out _));
    }
}
