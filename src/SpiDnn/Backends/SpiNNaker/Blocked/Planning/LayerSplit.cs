namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// How one layer is cut into cores: output-position tiles (conv only), input-channel blocks
/// ("rows" of a Dense weight matrix), filter blocks ("columns"), and how many filter blocks
/// of a tile one sum core serves; or, <see cref="Fused"/>, one core per tile that holds the
/// whole kernel and does the sum core's work too (docs/mapping-blocked.md, section 3).
/// </summary>
/// <param name="Tiles">Output-position tiles (1 for a Dense layer).</param>
/// <param name="ChannelBlocks">Blocks of input channels.</param>
/// <param name="FilterBlocks">Blocks of filters.</param>
/// <param name="FilterBlocksPerSumCore">Filter blocks per sum core (all of them for softmax and output layers).</param>
public sealed record LayerSplit(int Tiles, int ChannelBlocks, int FilterBlocks, int FilterBlocksPerSumCore)
{
    /// <summary>
    /// Whether each tile is one fused core: the whole kernel and bias, the pre-activations,
    /// the activation and the deltas in one core, with no partial-sum or delta packets (one
    /// channel block, one filter block).
    /// </summary>
    public bool Fused { get; init; }

    /// <summary>Weight cores of the layer (per replica; 0 when fused).</summary>
    public int WeightCores => Fused ? 0 : Tiles * ChannelBlocks * FilterBlocks;

    /// <summary>Sum cores of the layer (per replica; 0 when fused).</summary>
    public int SumCores => Fused ? 0 : Tiles * ((FilterBlocks + FilterBlocksPerSumCore - 1) / FilterBlocksPerSumCore);

    /// <summary>A fused split: one core per tile, each with the whole kernel (<paramref name="tiles"/> 1 for a Dense layer).</summary>
    public static LayerSplit FusedTiles(int tiles) => new(tiles, 1, 1, 1) { Fused = true };

    /// <summary>Formats as <c>tiles x channel blocks x filter blocks / group</c>, or the fused tiles.</summary>
    public override string ToString() => Fused
        ? $"{Tiles} fused {(Tiles == 1 ? "core" : "cores (one per tile)")}"
        : $"{Tiles} tiles x {ChannelBlocks} channel blocks x {FilterBlocks} filter blocks, {FilterBlocksPerSumCore} per sum core";
}
