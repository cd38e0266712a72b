using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// What the parameter regions of weight and sum cores share: the header (magic, format,
/// slots, run sequence, learning rate, rows per example) that <c>BlockCore.ReadHeader</c>
/// reads first, and the incoming and outgoing key tables that <c>BlockCore.ReadKeysAndStart</c>
/// reads last. Each kind of core writes its own fields between them.
/// </summary>
internal abstract record BlockCoreParameters
{
    public required int Format { get; init; }

    public required int Slots { get; init; }

    public required RunSequence Sequence { get; init; }

    public required float LearningRate { get; init; }

    public required int RowsPerExample { get; init; }

    public required IReadOnlyList<IncomingPartition> Incoming { get; init; }

    public required IReadOnlyList<OutgoingPartition> Outgoing { get; init; }

    /// <summary>The region's words: the header, the core's own fields, the key tables.</summary>
    public byte[] ToBytes()
    {
        var w = new DataRegionWriter();
        w.Write(Magic).Write(Format).Write(Slots);
        Sequence.Write(w);
        w.Write(LearningRate).Write(RowsPerExample);
        WriteFields(w);
        w.Write(Incoming.Count);
        foreach (var p in Incoming)
        {
            p.Write(w);
        }

        w.Write(Outgoing.Count);
        foreach (var p in Outgoing)
        {
            p.Write(w);
        }

        return w.ToBytes();
    }

    /// <summary>The first word: which kind of core the region is for.</summary>
    protected abstract uint Magic { get; }

    /// <summary>Writes the core's own fields, between the header and the key tables.</summary>
    protected abstract void WriteFields(DataRegionWriter w);
}
