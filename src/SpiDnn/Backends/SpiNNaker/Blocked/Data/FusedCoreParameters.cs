using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// The parameter region of a fused core, in word order: the header (format, slots, run
/// sequence, learning rate, rows per example), its roles (reads the model's input, sends
/// input errors, holds the model's output), its group for gradient combination, the inputs,
/// errors and credits it waits for per slot, the output layer's loss and reporting, the first
/// layer's input-row format, each layer's geometry, then the key tables.
/// </summary>
internal sealed record FusedCoreParameters : BlockCoreParameters
{
    public const uint FusedMagic = 0x424C4B46; // "BLKF"

    public required bool FirstLayer { get; init; }

    public required bool SendsErrors { get; init; }

    public required bool OutputLayer { get; init; }

    public required int MemberIndex { get; init; }

    public required int MemberCount { get; init; }

    /// <summary>Input values (Output packets) per example (0 in the first layer).</summary>
    public required int InputsPerSlot { get; init; }

    /// <summary>Partial errors of its outputs per training example (0 in the output layer).</summary>
    public required int ErrorsPerSlot { get; init; }

    /// <summary>Credits per inference example (first layer: one per output core of the replica, itself included), else 0.</summary>
    public required int CreditsPerSlot { get; init; }

    public required Loss Loss { get; init; }

    /// <summary>Values per loss row (the filters, or all outputs of a flattened output).</summary>
    public required int LossWidth { get; init; }

    /// <summary>The activation the loss sees (the host's output activation: identity after a Flatten).</summary>
    public required Activation LossActivation { get; init; }

    /// <summary>Whether the output core has labels and scores every example (not in a predict run).</summary>
    public required bool Scores { get; init; }

    /// <summary>Whether the core writes its predictions of every example (predict runs).</summary>
    public required bool WritesPredictions { get; init; }

    /// <summary>Which output core of the replica this is (in the host's reports).</summary>
    public required int ReportIndex { get; init; }

    /// <summary>Bytes per input value in the first layer's rows: 1 (palette index) or 4 (the value).</summary>
    public required int InputBytes { get; init; }

    /// <summary>The palette of a 1-byte input format (payload words), else empty.</summary>
    public required IReadOnlyList<uint> Palette { get; init; }

    /// <summary>Bytes per schedule entry: 2 or 4.</summary>
    public required int ScheduleBytes { get; init; }

    /// <summary>The layers, first to last: each one's block of the core (the whole kernel, the core's tile).</summary>
    public required IReadOnlyList<FusedLayer> Layers { get; init; }

    /// <inheritdoc/>
    protected override uint Magic => FusedMagic;

    /// <inheritdoc/>
    protected override void WriteFields(DataRegionWriter w)
    {
        w.Write(FirstLayer ? 1 : 0).Write(SendsErrors ? 1 : 0).Write(OutputLayer ? 1 : 0);
        w.Write(MemberIndex).Write(MemberCount).Write(InputsPerSlot).Write(ErrorsPerSlot).Write(CreditsPerSlot);
        w.Write((int)Loss).Write(LossWidth).Write((int)LossActivation).Write(Scores ? 1 : 0).Write(WritesPredictions ? 1 : 0).Write(ReportIndex);
        w.Write(InputBytes).Write(Palette.Count);
        foreach (var p in Palette)
        {
            w.Write(p);
        }

        w.Write(ScheduleBytes);
        w.Write(Layers.Count);
        foreach (var layer in Layers)
        {
            w.Write(layer.Kernel).Write(layer.Stride).Write(layer.PadBefore).Write(layer.TileStart).Write(layer.TileCount)
                .Write(layer.WindowStart).Write(layer.WindowCount).Write(layer.Channels).Write(layer.Filters).Write((int)layer.Activation);
        }
    }
}
