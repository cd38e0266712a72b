namespace SpiNNaker.Machine;

/// <summary>Memory sizes of a SpiNNaker 1 chip (SpiNNaker datasheet; SpiNNMachine).</summary>
public static class MemorySizes
{
    /// <summary>Data tightly-coupled memory per core: 64 KB.</summary>
    public const int DtcmBytes = 64 * 1024;

    /// <summary>Instruction tightly-coupled memory per core: 32 KB.</summary>
    public const int ItcmBytes = 32 * 1024;

    /// <summary>The top of ITCM reserved by the runtime: 256 bytes.</summary>
    public const int ItcmReservedBytes = 256;

    /// <summary>Nominal SDRAM per chip: 128 MB.</summary>
    public const int SdramBytesPerChip = 128 * 1024 * 1024;

    /// <summary>SDRAM per chip that applications can use: 123,469,792 bytes (the rest is the system's).</summary>
    public const int SdramUsableBytesPerChip = 123_469_792;

    /// <summary>System RAM per chip: 32 KB.</summary>
    public const int SystemRamBytes = 32 * 1024;
}
