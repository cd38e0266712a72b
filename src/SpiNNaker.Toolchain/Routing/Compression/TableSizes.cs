using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Routing.Compression;

/// <summary>The length of one chip's table at each step of compression.</summary>
/// <param name="Chip">The chip.</param>
/// <param name="Generated">Entries as generated.</param>
/// <param name="AfterDefaultRoutes">Entries after removing those default routing makes unnecessary.</param>
/// <param name="Final">Entries loaded into the router.</param>
/// <param name="Compressed">Whether the compressor ran on this table.</param>
public readonly record struct TableSizes(ChipCoordinate Chip, int Generated, int AfterDefaultRoutes, int Final, bool Compressed);
