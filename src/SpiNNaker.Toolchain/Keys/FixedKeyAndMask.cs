namespace SpiNNaker.Toolchain.Keys;

/// <summary>
/// The fixed-key constraint of a partition: the keys and masks it must use, instead of the
/// ones the key allocator would choose (for example keys a host program already knows).
/// </summary>
public sealed class FixedKeyAndMask
{
    /// <summary>Creates the constraint from one or more disjoint key sets.</summary>
    /// <exception cref="ArgumentException">No set, or two sets share keys.</exception>
    public FixedKeyAndMask(params IReadOnlyList<KeyAndMask> keysAndMasks)
    {
        ArgumentNullException.ThrowIfNull(keysAndMasks);
        if (keysAndMasks.Count == 0)
        {
            throw new ArgumentException("a fixed-key constraint needs at least one key and mask", nameof(keysAndMasks));
        }

        for (var i = 0; i < keysAndMasks.Count; i++)
        {
            for (var j = i + 1; j < keysAndMasks.Count; j++)
            {
                if (keysAndMasks[i].Intersects(keysAndMasks[j]))
                {
                    throw new ArgumentException($"fixed keys {keysAndMasks[i]} and {keysAndMasks[j]} overlap", nameof(keysAndMasks));
                }
            }
        }

        KeysAndMasks = [.. keysAndMasks];
    }

    /// <summary>Creates the constraint of one key and mask.</summary>
    public FixedKeyAndMask(uint key, uint mask)
        : this([new KeyAndMask(key, mask)])
    {
    }

    /// <summary>The key sets.</summary>
    public IReadOnlyList<KeyAndMask> KeysAndMasks { get; }

    /// <summary>The number of keys in all the sets.</summary>
    public ulong KeyCount => KeysAndMasks.Aggregate(0UL, (sum, km) => sum + km.Count);

    /// <summary>Formats the sets.</summary>
    public override string ToString() => string.Join(", ", KeysAndMasks);
}
