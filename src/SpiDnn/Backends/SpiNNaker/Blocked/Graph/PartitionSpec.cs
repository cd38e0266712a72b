using SpiDnn.Backends.SpiNNaker.Blocked.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Graph;

/// <summary>
/// One outgoing partition as the mapping designed it: who sends what (the sender's local
/// position of each index) and, for each receiver, where each index lands (null: at the same
/// position as the index).
/// </summary>
internal sealed class PartitionSpec
{
    public PartitionSpec(BlockVertex source, string identifier, FlowKind kind, bool slotted, int[] sourceLocals)
    {
        Source = source;
        Identifier = identifier;
        Kind = kind;
        Slotted = slotted;
        SourceLocals = sourceLocals;
        IndexBits = sourceLocals.Length <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(sourceLocals.Length));
    }

    public BlockVertex Source { get; }

    public string Identifier { get; }

    public FlowKind Kind { get; }

    public bool Slotted { get; }

    /// <summary>The sender's local position of each index.</summary>
    public int[] SourceLocals { get; }

    /// <summary>Values per example.</summary>
    public int Count => SourceLocals.Length;

    /// <summary>Bits of the index in a key.</summary>
    public int IndexBits { get; }

    /// <summary>The receivers and each one's index-to-local map (null for the identity).</summary>
    public List<(BlockVertex Target, int[]? Map)> Targets { get; } = [];

    /// <summary>Keys the partition needs: slots x 2^IndexBits.</summary>
    public int KeyCount(int slots) => (Slotted ? slots : 1) << IndexBits;

    public override string ToString() => $"{Source.Label}/{Identifier} ({Kind}, {Count} values -> {Targets.Count} cores)";
}
