namespace SpiNNaker.Toolchain.Resources;

/// <summary>
/// What one core needs: DTCM bytes for its state, SDRAM bytes for its data regions, and the
/// processor cycles it spends per timestep.
/// </summary>
public readonly record struct ResourceRequirements
{
    /// <summary>Creates the requirements.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative number.</exception>
    public ResourceRequirements(int dtcmBytes, long sdramBytes, long cyclesPerTimestep = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dtcmBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(sdramBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(cyclesPerTimestep);
        DtcmBytes = dtcmBytes;
        SdramBytes = sdramBytes;
        CyclesPerTimestep = cyclesPerTimestep;
    }

    /// <summary>Bytes of the core's data memory (DTCM, 64 KB per core).</summary>
    public int DtcmBytes { get; }

    /// <summary>Bytes of the chip's shared SDRAM taken by the core's data regions.</summary>
    public long SdramBytes { get; }

    /// <summary>Processor cycles the core spends per timestep (0 when not stated).</summary>
    public long CyclesPerTimestep { get; }

    /// <summary>Requirements of nothing.</summary>
    public static ResourceRequirements None => default;

    /// <summary>The sum of two requirements.</summary>
    public static ResourceRequirements operator +(ResourceRequirements left, ResourceRequirements right) =>
        new(checked(left.DtcmBytes + right.DtcmBytes), left.SdramBytes + right.SdramBytes, left.CyclesPerTimestep + right.CyclesPerTimestep);

    /// <summary>The sum of two requirements.</summary>
    public ResourceRequirements Add(ResourceRequirements other) => this + other;

    /// <summary>Formats as <c>DTCM n B, SDRAM n B, n cycles/timestep</c>.</summary>
    public override string ToString() =>
        $"DTCM {DtcmBytes:N0} B, SDRAM {SdramBytes:N0} B{(CyclesPerTimestep > 0 ? $", {CyclesPerTimestep:N0} cycles/timestep" : string.Empty)}";
}
