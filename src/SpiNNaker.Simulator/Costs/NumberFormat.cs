namespace SpiNNaker.Simulator;

/// <summary>How a core application represents real numbers; each has its own cost table.</summary>
public enum NumberFormat
{
    /// <summary>IEEE single precision, emulated in software (libgcc): the ARM968 has no FPU.</summary>
    Float,

    /// <summary>Signed 16.15 fixed point (the SpiNNaker <c>accum</c> type), integer instructions.</summary>
    FixedS1615,
}
