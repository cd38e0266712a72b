using SpiDnn.Training;

namespace SpiDnn.Tests;

public sealed class BatchScheduleTests
{
    [Fact]
    public void WithoutShuffle_VisitsExamplesInOrderWithPartialLastBatch()
    {
        var schedule = new BatchSchedule(10, 4, shuffle: false, seed: 0);

        Assert.Equal(Enumerable.Range(0, 10), schedule.EpochOrder(3));
        Assert.Equal(3, schedule.BatchesPerEpoch);
        Assert.Equal((8, 2), schedule.BatchRange(2));
    }

    [Fact]
    public void WithShuffle_EachEpochIsAPermutationFixedBySeed()
    {
        var a = new BatchSchedule(100, 8, shuffle: true, seed: 42);
        var b = new BatchSchedule(100, 8, shuffle: true, seed: 42);
        var c = new BatchSchedule(100, 8, shuffle: true, seed: 43);

        Assert.Equal(Enumerable.Range(0, 100), a.EpochOrder(0).Order());
        Assert.Equal(a.EpochOrder(1), b.EpochOrder(1));
        Assert.NotEqual(a.EpochOrder(0), a.EpochOrder(1));
        Assert.NotEqual(a.EpochOrder(0), c.EpochOrder(0));
        Assert.NotEqual(Enumerable.Range(0, 100), a.EpochOrder(0));
    }

    [Fact]
    public void Shuffle_IsUnbiasedEnough_EveryPositionSeesEveryExample()
    {
        var schedule = new BatchSchedule(5, 1, shuffle: true, seed: 1);
        var counts = new int[5, 5];
        for (var epoch = 0; epoch < 5000; epoch++)
        {
            var order = schedule.EpochOrder(epoch);
            for (var p = 0; p < 5; p++)
            {
                counts[p, order[p]]++;
            }
        }

        // Each (position, example) pair expects 1000 hits; 5 sigma is about 140.
        foreach (var count in counts)
        {
            Assert.InRange(count, 860, 1140);
        }
    }

    [Theory]
    [InlineData(0, 4, "exampleCount")]
    [InlineData(4, 0, "batchSize")]
    [InlineData(4, -3, "batchSize")]
    public void NonPositiveSizes_AreRejectedNamingTheArgument(int examples, int batchSize, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSchedule(examples, batchSize, false, 0));

        Assert.Equal(argument, error.ParamName);
    }
}
