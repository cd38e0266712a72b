using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// The parameter region of a weight core, in word order: the header (format, slots, run
/// sequence, learning rate, rows per example), flags, the block's geometry, its group for
/// gradient combination, the inputs and credits it waits for per slot, the first layer's
/// input-row format, then the incoming and outgoing key tables.
/// </summary>
internal sealed record WeightCoreParameters : BlockCoreParameters
{
    public const uint WeightMagic = 0x424C4B57; // "BLKW"

    public required bool FirstLayer { get; init; }

    public required bool SendsErrors { get; init; }

    public required int Kernel { get; init; }

    public required int Stride { get; init; }

    public required int PadBefore { get; init; }

    public required int TileStart { get; init; }

    public required int TileCount { get; init; }

    public required int WindowStart { get; init; }

    public required int WindowCount { get; init; }

    public required int ChannelCount { get; init; }

    public required int FilterCount { get; init; }

    public required int MemberIndex { get; init; }

    public required int MemberCount { get; init; }

    public required int InputsPerSlot { get; init; }

    public required int CreditsPerSlot { get; init; }

    /// <summary>Bytes per input value in the first layer's rows: 1 (palette index) or 4 (the value).</summary>
    public required int InputBytes { get; init; }

    /// <summary>The palette of a 1-byte input format (payload words), else empty.</summary>
    public required IReadOnlyList<uint> Palette { get; init; }

    /// <summary>Bytes per schedule entry: 2 or 4.</summary>
    public required int ScheduleBytes { get; init; }

    /// <inheritdoc/>
    protected override uint Magic => WeightMagic;

    /// <inheritdoc/>
    protected override void WriteFields(DataRegionWriter w)
    {
        w.Write(FirstLayer ? 1 : 0).Write(SendsErrors ? 1 : 0);
        w.Write(Kernel).Write(Stride).Write(PadBefore).Write(TileStart).Write(TileCount).Write(WindowStart).Write(WindowCount).Write(ChannelCount).Write(FilterCount);
        w.Write(MemberIndex).Write(MemberCount).Write(InputsPerSlot).Write(CreditsPerSlot);
        w.Write(InputBytes).Write(Palette.Count);
        foreach (var p in Palette)
        {
            w.Write(p);
        }

        w.Write(ScheduleBytes);
    }
}
