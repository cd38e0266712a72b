using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// The parameter region of a sum core, in word order: the header (format, slots, run
/// sequence, learning rate, rows per example), flags, activation and loss, the outputs it
/// owns (positions x filters), its group for bias-gradient combination, the partials and
/// errors it waits for per slot, the output layer's reporting, then the key tables.
/// </summary>
internal sealed record SumCoreParameters : BlockCoreParameters
{
    public const uint SumMagic = 0x424C4B53; // "BLKS"

    public required bool OutputLayer { get; init; }

    public required Activation Activation { get; init; }

    public required Loss Loss { get; init; }

    public required int Positions { get; init; }

    public required int Filters { get; init; }

    /// <summary>Values per loss row (the filters, or all outputs of a flattened output).</summary>
    public required int LossWidth { get; init; }

    /// <summary>The activation the loss sees (the host's output activation: identity after a Flatten).</summary>
    public required Activation LossActivation { get; init; }

    public required int MemberIndex { get; init; }

    public required int MemberCount { get; init; }

    public required int PartialsPerSlot { get; init; }

    public required int ErrorsPerSlot { get; init; }

    /// <summary>Whether the output core has labels and scores every example (not in a predict run).</summary>
    public required bool Scores { get; init; }

    /// <summary>Whether the core writes its predictions of every example (predict runs).</summary>
    public required bool WritesPredictions { get; init; }

    /// <summary>Which output core of the replica this is (in the host's reports).</summary>
    public required int ReportIndex { get; init; }

    /// <summary>Bytes per schedule entry: 2 or 4 (0 when the core reads no schedule).</summary>
    public required int ScheduleBytes { get; init; }

    /// <inheritdoc/>
    protected override uint Magic => SumMagic;

    /// <inheritdoc/>
    protected override void WriteFields(DataRegionWriter w)
    {
        w.Write(OutputLayer ? 1 : 0).Write((int)Activation).Write((int)Loss);
        w.Write(Positions).Write(Filters).Write(LossWidth).Write((int)LossActivation).Write(MemberIndex).Write(MemberCount).Write(PartialsPerSlot).Write(ErrorsPerSlot);
        w.Write(Scores ? 1 : 0).Write(WritesPredictions ? 1 : 0).Write(ReportIndex).Write(ScheduleBytes);
    }
}
