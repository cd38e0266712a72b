namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// One layer of a fused core: its kernel, stride and padding, the output positions the core
/// computes and the input positions it reads (the first layer's window; a later layer of a
/// chain reads its whole input), channels, filters and activation.
/// </summary>
internal readonly record struct FusedLayer(
    int Kernel, int Stride, int PadBefore, int TileStart, int TileCount, int WindowStart, int WindowCount, int Channels, int Filters, Activation Activation);
