namespace SpiNNaker.Toolchain.Resources;

/// <summary>The resource checker's result: what each used chip gives its vertices.</summary>
public sealed class ResourceUsage
{
    /// <summary>Creates the result.</summary>
    public ResourceUsage(IReadOnlyList<ChipUsage> chips)
    {
        ArgumentNullException.ThrowIfNull(chips);
        Chips = chips;
    }

    /// <summary>The chips that hold a vertex, by x then y.</summary>
    public IReadOnlyList<ChipUsage> Chips { get; }

    /// <summary>Cores running a vertex.</summary>
    public int CoresUsed => Chips.Sum(c => c.CoresUsed);

    /// <summary>SDRAM bytes used over all chips.</summary>
    public long SdramUsed => Chips.Sum(c => c.SdramUsed);

    /// <summary>DTCM bytes used over all cores.</summary>
    public long DtcmUsed => Chips.Sum(c => c.DtcmUsed);
}
