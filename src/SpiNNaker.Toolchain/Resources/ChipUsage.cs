using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Resources;

/// <summary>What the vertices placed on one chip use of it.</summary>
/// <param name="Chip">The chip.</param>
/// <param name="CoresUsed">Application cores that run a vertex.</param>
/// <param name="CoresAvailable">Application cores of the chip.</param>
/// <param name="SdramUsed">SDRAM bytes the vertices take.</param>
/// <param name="SdramAvailable">SDRAM bytes applications may use on the chip.</param>
/// <param name="DtcmUsed">DTCM bytes over the chip's vertices.</param>
public readonly record struct ChipUsage(ChipCoordinate Chip, int CoresUsed, int CoresAvailable, long SdramUsed, long SdramAvailable, long DtcmUsed);
