using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// The diagnostic status region every neuron-mapping core keeps in SDRAM, like a provenance
/// region the host may read at any time: stage, example, packets expected and received for
/// the stage, packets that matched no expected key, and the packets the core could not hand to
/// its router yet. Cores rewrite it (charged as SDRAM stores) only when it changes, on timer
/// ticks and at the end.
/// </summary>
internal static class CoreStatus
{
    /// <summary>The region id, allocated by the core itself.</summary>
    public const int RegionId = 15;

    /// <summary>Words in the region.</summary>
    public const int Words = 6;

    /// <summary>Word positions.</summary>
    public const int Stage = 0, Example = 1, Expected = 2, Received = 3, Unexpected = 4, PendingSends = 5;

    /// <summary>Decodes a status region read by the host.</summary>
    public static StatusRecord Decode(ReadOnlySpan<byte> bytes)
    {
        Span<uint> words = stackalloc uint[Words];
        for (var i = 0; i < Words; i++)
        {
            words[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * sizeof(uint))..]);
        }
        return new StatusRecord((CoreStage)words[Stage], words[Example], words[Expected], words[Received], words[Unexpected], words[PendingSends]);
    }

    /// <summary>Allocates the region on the core (zeroed: stage 0 means "never reported").</summary>
    public static SdramRegion Allocate(ICoreContext core) => core.AllocateSdram(RegionId, Words * sizeof(uint));
}

/// <summary>One decoded status region.</summary>
/// <param name="Stage">What the core waits for.</param>
/// <param name="Example">The example it works on (0-based, counted over the whole run).</param>
/// <param name="Expected">Packets it needs for the stage.</param>
/// <param name="Received">Packets of the stage it has.</param>
/// <param name="Unexpected">Packets that matched none of its keys (since the start).</param>
/// <param name="PendingSends">Packets it still has to hand to its router.</param>
internal readonly record struct StatusRecord(CoreStage Stage, uint Example, uint Expected, uint Received, uint Unexpected, uint PendingSends);
