using System.Runtime.InteropServices;
using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Neuron.Data;

/// <summary>
/// The parameter region of an input vertex core: a slice of the input (or label) neurons,
/// fed by the host one example at a time.
/// </summary>
internal sealed record InputParameters
{
    /// <summary>Timer and send loop.</summary>
    public required CoreTiming Timing { get; init; }

    /// <summary>Examples the host will send.</summary>
    public required int Examples { get; init; }

    /// <summary>Input neurons on this core.</summary>
    public required int AtomCount { get; init; }

    /// <summary>Values per neuron and example (the channels of a sequence position; 1 for a vector).</summary>
    public required int ValuesPerAtom { get; init; }

    /// <summary>The key of the core's first neuron.</summary>
    public required uint FirstKey { get; init; }

    /// <summary>
    /// Whether every value has its own key (<c>FirstKey + atom * ValuesPerAtom + c</c>, the
    /// next layer reads a flattened input) or every neuron one key for all its values in
    /// channel order (<c>FirstKey + atom</c>, a Conv1D reads it with per-connection counters).
    /// </summary>
    public required bool KeyPerValue { get; init; }

    /// <summary>Values the host sends per example.</summary>
    public int ValueCount => AtomCount * ValuesPerAtom;

    /// <summary>The region's bytes.</summary>
    public byte[] Encode()
    {
        var w = new DataRegionWriter();
        Timing.Write(w);
        w.Write(Examples).Write(AtomCount).Write(ValuesPerAtom).Write(FirstKey).Write(KeyPerValue);
        return w.ToBytes();
    }

    /// <summary>Reads the region back (on the core).</summary>
    public static InputParameters Decode(ReadOnlySpan<uint> words)
    {
        var r = new DataRegionReader(MemoryMarshal.AsBytes(words));
        return new InputParameters
        {
            Timing = CoreTiming.Read(ref r),
            Examples = r.Int(),
            AtomCount = r.Int(),
            ValuesPerAtom = r.Int(),
            FirstKey = r.UInt(),
            KeyPerValue = r.Bool(),
        };
    }
}
