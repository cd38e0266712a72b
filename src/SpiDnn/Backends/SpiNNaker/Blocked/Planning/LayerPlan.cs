namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// One layer cut into blocks: the tiles of output positions, the channel and filter blocks,
/// and the sum-core groups, with the derived quantities every core and the graph builder
/// need (windows, packet counts); or a fused layer, alone (one core per tile) or in a chain
/// of consecutive fused layers that share one core.
/// </summary>
internal sealed class LayerPlan
{
    /// <param name="geometry">The layer as a convolution.</param>
    /// <param name="split">Its cut into cores.</param>
    /// <param name="isFirst">Whether it reads the model's input.</param>
    /// <param name="isLast">Whether it is the model's output.</param>
    /// <param name="position">Its index among the plan's weighted layers.</param>
    /// <param name="chainFirst">The first layer (plan index) of the fused chain it belongs to (its own index when it is not in a longer chain).</param>
    /// <param name="chainLast">The chain's last layer (plan index).</param>
    public LayerPlan(LayerGeometry geometry, LayerSplit split, bool isFirst, bool isLast, int position, int chainFirst, int chainLast)
    {
        if ((chainFirst != position || chainLast != position) && (!split.Fused || split.Tiles != 1))
        {
            throw new ArgumentException($"layer {geometry.Name}: a layer in a fused chain must be one fused core; its split is {split}", nameof(split));
        }

        Geometry = geometry;
        Split = split;
        IsFirst = isFirst;
        IsLast = isLast;
        Position = position;
        ChainFirst = chainFirst;
        ChainLast = chainLast;
        Tiles = IndexRange.Split(geometry.OutSteps, split.Tiles);
        ChannelBlocks = IndexRange.Split(geometry.Channels, split.ChannelBlocks);
        FilterBlocks = IndexRange.Split(geometry.Filters, split.FilterBlocks);
        var groups = (split.FilterBlocks + split.FilterBlocksPerSumCore - 1) / split.FilterBlocksPerSumCore;
        var sumGroups = new IndexRange[groups];
        for (var g = 0; g < groups; g++)
        {
            var first = g * split.FilterBlocksPerSumCore;
            var last = Math.Min(split.FilterBlocks, first + split.FilterBlocksPerSumCore) - 1;
            sumGroups[g] = new IndexRange(first, last - first + 1);
        }

        SumGroups = sumGroups;
    }

    public LayerGeometry Geometry { get; }

    /// <summary>The layer's index among the plan's weighted layers.</summary>
    public int Position { get; }

    /// <summary>The first layer of its fused chain (its own position unless it shares a core with the layers before it).</summary>
    public int ChainFirst { get; }

    /// <summary>The last layer of its fused chain (its own position unless it shares a core with the layers after it).</summary>
    public int ChainLast { get; }

    /// <summary>Whether the layer runs in fused cores (alone or in a chain).</summary>
    public bool IsFused => Split.Fused;

    /// <summary>Whether the layer and <paramref name="other"/> run in the same fused cores (no packets between them).</summary>
    public bool SharesCoreWith(LayerPlan other) => IsFused && other.IsFused && ChainFirst == other.ChainFirst;

    /// <summary>The same layer with another split (not in a chain).</summary>
    public LayerPlan With(LayerSplit split) => new(Geometry, split, IsFirst, IsLast, Position, Position, Position);

    public LayerSplit Split { get; }

    /// <summary>Whether the layer reads the model's input (from SDRAM, no input packets, no errors to send).</summary>
    public bool IsFirst { get; }

    /// <summary>Whether the layer is the model's output (its sum cores compute the loss).</summary>
    public bool IsLast { get; }

    /// <summary>Output positions of each tile.</summary>
    public IReadOnlyList<IndexRange> Tiles { get; }

    /// <summary>Input channels of each channel block.</summary>
    public IReadOnlyList<IndexRange> ChannelBlocks { get; }

    /// <summary>Filters of each filter block.</summary>
    public IReadOnlyList<IndexRange> FilterBlocks { get; }

    /// <summary>The filter blocks (indices into <see cref="FilterBlocks"/>) of each sum-core group.</summary>
    public IReadOnlyList<IndexRange> SumGroups { get; }

    /// <summary>The filters a sum-core group covers.</summary>
    public IndexRange GroupFilters(int group)
    {
        var blocks = SumGroups[group];
        var first = FilterBlocks[blocks.Start];
        var last = FilterBlocks[blocks.End - 1];
        return new IndexRange(first.Start, last.End - first.Start);
    }

    /// <summary>The input positions the outputs of <paramref name="tile"/> read, clipped to the sequence.</summary>
    public IndexRange Window(int tile)
    {
        var g = Geometry;
        var t = Tiles[tile];
        var first = Math.Max(0, g.InputPosition(t.Start, 0));
        var last = Math.Min(g.InSteps - 1, g.InputPosition(t.End - 1, g.Kernel - 1));
        return last >= first ? new IndexRange(first, last - first + 1) : new IndexRange(first, 0);
    }

    /// <summary>Whether the layer's sum cores must hold whole rows (all filters of a position): softmax and the output layer.</summary>
    public bool NeedsWholeRows => IsLast || Geometry.Activation == Activation.Softmax;

    /// <summary>The sum-core group that owns filter <paramref name="filter"/>.</summary>
    public int GroupOfFilter(int filter)
    {
        for (var g = 0; g < SumGroups.Count; g++)
        {
            if (GroupFilters(g).Contains(filter))
            {
                return g;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(filter), filter, $"layer {Geometry.Name} has {Geometry.Filters} filters");
    }

    /// <summary>The tile that owns output position <paramref name="position"/>.</summary>
    public int TileOf(int position)
    {
        for (var t = 0; t < Tiles.Count; t++)
        {
            if (Tiles[t].Contains(position))
            {
                return t;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(position), position, $"layer {Geometry.Name} has {Geometry.OutSteps} output positions");
    }

    /// <summary>The channel block that holds input channel <paramref name="channel"/>.</summary>
    public int ChannelBlockOf(int channel)
    {
        for (var b = 0; b < ChannelBlocks.Count; b++)
        {
            if (ChannelBlocks[b].Contains(channel))
            {
                return b;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(channel), channel, $"layer {Geometry.Name} has {Geometry.Channels} channels");
    }

    /// <summary>
    /// Whether tile <paramref name="tile"/>'s outputs read input position <paramref name="position"/>
    /// (a window can have gaps when the stride exceeds the kernel).
    /// </summary>
    public bool TileReads(int tile, int position)
    {
        var g = Geometry;
        if (position < 0 || position >= g.InSteps)
        {
            return false;
        }

        var t = Tiles[tile];
        for (var k = 0; k < g.Kernel; k++)
        {
            var numerator = position + g.PadBefore - k;
            if (numerator >= 0 && numerator % g.Stride == 0 && t.Contains(numerator / g.Stride))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of window positions of <paramref name="tile"/> its outputs actually read.</summary>
    public int ReadPositionCount(int tile)
    {
        var window = Window(tile);
        var count = 0;
        for (var q = window.Start; q < window.End; q++)
        {
            count += TileReads(tile, q) ? 1 : 0;
        }

        return count;
    }

    public override string ToString() => ChainFirst == ChainLast || !IsFused
        ? $"{Geometry.Name}: {Split}"
        : $"{Geometry.Name}: fused chain {ChainFirst}-{ChainLast} in 1 core";
}
