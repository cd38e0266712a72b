namespace SpiNNaker.Machine;

/// <summary>What a machine is built from.</summary>
public enum MachineKind
{
    /// <summary>One SpiNN-3 board: 2 x 2 chips with wrap-around links.</summary>
    SpiNN3,

    /// <summary>One SpiNN-5 board on its own: the 48-chip hexagon, no wrap-around.</summary>
    SpiNN5,

    /// <summary>Triads of SpiNN-5 boards tiling a (12w) x (12h) torus.</summary>
    Triads,

    /// <summary>Any w x h torus of chips (no physical boards behind it).</summary>
    VirtualTorus,
}
