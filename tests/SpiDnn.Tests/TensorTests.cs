namespace SpiDnn.Tests;

public sealed class TensorTests
{
    [Fact]
    public void Indexer_IsRowMajor_LastAxisFastest()
    {
        var t = Tensor.FromArray([.. Enumerable.Range(0, 24).Select(i => (float)i)], 2, 3, 4);

        Assert.Equal(1 * 12 + 2 * 4 + 3, t[1, 2, 3]);
        Assert.Equal(3, t.Rank);
        Assert.Equal(24, t.Length);
        Assert.Equal(12, t.RowLength);
    }

    [Fact]
    public void Reshape_SharesMemoryAndInfersMinusOne()
    {
        var t = new Tensor(2, 6);
        var r = t.Reshape(3, -1);

        r[2, 3] = 7;

        Assert.Equal([3, 4], r.Shape);
        Assert.Equal(7, t[1, 5]);
    }

    [Fact]
    public void Reshape_WrongElementCount_NamesBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor(2, 6).Reshape(5, 2));

        Assert.Contains("(2, 6)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(5, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArray_LengthNotMatchingShape_ReportsReceivedLength()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));

        Assert.Contains("data.Length=5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeSize_IsRejectedWithTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor(3, -1));

        Assert.Contains("(3, -1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowSliceAndGather_CopyExamplesAlongTheFirstAxis()
    {
        var t = Tensor.FromArray([.. Enumerable.Range(0, 12).Select(i => (float)i)], 4, 3);

        Assert.Equal([3f, 4f, 5f], t.Row(1).ToArray());
        Assert.Equal([3], t.Row(1).Shape);
        Assert.Equal([6f, 7f, 8f, 9f, 10f, 11f], t.Slice(2, 2).ToArray());
        Assert.Equal([9f, 10f, 11f, 0f, 1f, 2f], t.Gather([3, 0]).ToArray());
        t.RowSpan(2)[0] = -1;
        Assert.Equal(-1, t[2, 0]);
    }

    [Fact]
    public void IndexOutsideShape_Throws()
    {
        var t = new Tensor(2, 2);

        Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Row(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Slice(1, 2));
    }

    [Fact]
    public void FromRows_RaggedRows_NamesTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromRows([[1f, 2f], [3f]]));

        Assert.Contains("rows[1].Length=1", error.Message, StringComparison.Ordinal);
    }
}
