using System.Numerics;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>
/// The keys of one partition: one or more key-and-mask sets (one routing entry each), which
/// together hold at least <see cref="OutgoingEdgePartition.KeyCount"/> keys. Key i of the
/// source is <see cref="KeyFor"/>(i).
/// </summary>
public sealed class PartitionKeys
{
    /// <summary>Creates the keys of <paramref name="partition"/>.</summary>
    /// <exception cref="ArgumentException">No set, or fewer keys than the partition needs.</exception>
    public PartitionKeys(OutgoingEdgePartition partition, IReadOnlyList<KeyAndMask> keysAndMasks)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(keysAndMasks);
        if (keysAndMasks.Count == 0)
        {
            throw new ArgumentException($"partition {partition} needs at least one key and mask", nameof(keysAndMasks));
        }

        var available = keysAndMasks.Aggregate(0UL, (sum, km) => sum + km.Count);
        if (available < (ulong)partition.KeyCount)
        {
            throw new ArgumentException($"partition {partition} needs {partition.KeyCount} keys but {string.Join(", ", keysAndMasks)} hold {available}", nameof(keysAndMasks));
        }

        Partition = partition;
        KeysAndMasks = [.. keysAndMasks];
    }

    /// <summary>The partition.</summary>
    public OutgoingEdgePartition Partition { get; }

    /// <summary>The key sets, each one routing entry.</summary>
    public IReadOnlyList<KeyAndMask> KeysAndMasks { get; }

    /// <summary>The smallest key (key 0 of the source).</summary>
    public uint FirstKey => KeysAndMasks[0].Key;

    /// <summary>The number of keys the source uses.</summary>
    public int KeyCount => Partition.KeyCount;

    /// <summary>The mask, when the keys are one set.</summary>
    /// <exception cref="InvalidOperationException">The keys are several sets.</exception>
    public uint Mask => KeysAndMasks.Count == 1
        ? KeysAndMasks[0].Mask
        : throw new InvalidOperationException($"partition {Partition} has {KeysAndMasks.Count} key-and-mask sets ({string.Join(", ", KeysAndMasks)}); there is no single mask");

    /// <summary>
    /// Key <paramref name="index"/> of the source: the sets in order, each counted through its
    /// free bits from the lowest (for aligned blocks simply <c>FirstKey + index</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="KeyCount"/>.</exception>
    public uint KeyFor(int index)
    {
        if ((uint)index >= (uint)KeyCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"partition {Partition} has {KeyCount} keys");
        }

        var rest = (ulong)index;
        foreach (var km in KeysAndMasks)
        {
            if (rest < km.Count)
            {
                return km.Key | Deposit((uint)rest, ~km.Mask);
            }

            rest -= km.Count;
        }

        throw new InvalidOperationException("unreachable: the sets hold at least KeyCount keys");
    }

    /// <summary>Whether <paramref name="key"/> is one of the partition's keys sets.</summary>
    public bool Contains(uint key) => KeysAndMasks.Any(km => km.Contains(key));

    /// <summary>Formats as <c>partition: sets</c>.</summary>
    public override string ToString() => $"{Partition}: {string.Join(", ", KeysAndMasks)}";

    // Spreads the low bits of value over the set bits of positions (a software PDEP).
    private static uint Deposit(uint value, uint positions)
    {
        uint result = 0;
        while (positions != 0)
        {
            var bit = positions & (~positions + 1);
            if ((value & 1) != 0)
            {
                result |= bit;
            }

            value >>= 1;
            positions &= positions - 1;
        }

        return result;
    }

    internal static ulong BlockSize(int keyCount) => BitOperations.RoundUpToPowerOf2((ulong)keyCount);
}
