using System.Buffers.Binary;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;

namespace SpiNNaker.Toolchain.Running;

/// <summary>The extraction pass: reads a vertex's SDRAM regions back after (or between) runs.</summary>
public static class Extractor
{
    /// <summary>A copy of region <paramref name="regionId"/> of <paramref name="vertex"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vertex's core has no such region.</exception>
    public static byte[] ReadRegion(Simulation simulation, PlacementSet placements, MachineVertex vertex, int regionId)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(placements);
        ArgumentNullException.ThrowIfNull(vertex);
        var core = placements[vertex];
        if (!simulation.HasSdramRegion(core, regionId))
        {
            throw new KeyNotFoundException($"machine vertex '{vertex.Label}' on {core} has no SDRAM region {regionId}");
        }

        return simulation.ReadSdramRegion(core, regionId);
    }

    /// <summary>The region's bytes as little-endian 32-bit unsigned words (a trailing partial word is ignored).</summary>
    public static uint[] ToUInt32s(ReadOnlySpan<byte> bytes)
    {
        var words = new uint[bytes.Length / 4];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
        }

        return words;
    }

    /// <summary>The region's bytes as little-endian 32-bit floats (a trailing partial word is ignored).</summary>
    public static float[] ToSingles(ReadOnlySpan<byte> bytes) => [.. ToUInt32s(bytes).Select(BitConverter.UInt32BitsToSingle)];
}
