namespace SpiDnn.Backends.SpiNNaker.Blocked.Planning;

/// <summary>
/// How one layer is cut into cores: output-position tiles (conv only), input-channel blocks
/// ("rows" of a Dense weight matrix), filter blocks ("columns"), and how many filter blocks
/// of a tile one sum core serves.
/// </summary>
/// <param name="Tiles">Output-position tiles (1 for a Dense layer).</param>
/// <param name="ChannelBlocks">Blocks of input channels.</param>
/// <param name="FilterBlocks">Blocks of filters.</param>
/// <param name="FilterBlocksPerSumCore">Filter blocks per sum core (all of them for softmax and output layers).</param>
public sealed record LayerSplit(int Tiles, int ChannelBlocks, int FilterBlocks, int FilterBlocksPerSumCore)
{
    /// <summary>Weight cores of the layer (per replica).</summary>
    public int WeightCores => Tiles * ChannelBlocks * FilterBlocks;

    /// <summary>Sum cores of the layer (per replica).</summary>
    public int SumCores => Tiles * ((FilterBlocks + FilterBlocksPerSumCore - 1) / FilterBlocksPerSumCore);

    /// <summary>Formats as <c>tiles x channel blocks x filter blocks / group</c>.</summary>
    public override string ToString() => $"{Tiles} tiles x {ChannelBlocks} channel blocks x {FilterBlocks} filter blocks, {FilterBlocksPerSumCore} per sum core";
}
