using System.Numerics;

namespace SpiNNaker.Toolchain.Keys;

/// <summary>
/// A set of 32-bit routing keys: every <c>k</c> with <c>(k &amp; Mask) == Key</c>. One routing
/// entry matches exactly this set.
/// </summary>
public readonly record struct KeyAndMask
{
    /// <summary>Creates the set.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> has bits outside <paramref name="mask"/>.</exception>
    public KeyAndMask(uint key, uint mask)
    {
        if ((key & ~mask) != 0)
        {
            throw new ArgumentException($"key 0x{key:X8} has bits outside mask 0x{mask:X8}; no key could match", nameof(key));
        }

        Key = key;
        Mask = mask;
    }

    /// <summary>The masked value every member has.</summary>
    public uint Key { get; }

    /// <summary>The bits that take part in matching.</summary>
    public uint Mask { get; }

    /// <summary>How many keys match: 2 to the number of bits outside the mask.</summary>
    public ulong Count => 1UL << BitOperations.PopCount(~Mask);

    /// <summary>Whether the mask is a run of ones from bit 31 down (then the set is one aligned range).</summary>
    public bool IsPrefix => (~Mask & (~Mask + 1)) == 0;

    /// <summary>The smallest key of the set (the key itself).</summary>
    public uint FirstKey => Key;

    /// <summary>The largest key of the set.</summary>
    public uint LastKey => Key | ~Mask;

    /// <summary>Whether <paramref name="key"/> is in the set.</summary>
    public bool Contains(uint key) => (key & Mask) == Key;

    /// <summary>Whether the two sets share a key: they agree on every bit both masks hold.</summary>
    public bool Intersects(KeyAndMask other) => ((Key ^ other.Key) & Mask & other.Mask) == 0;

    /// <summary>Whether every key of <paramref name="other"/> is in this set.</summary>
    public bool Covers(KeyAndMask other) => (other.Mask & Mask) == Mask && (other.Key & Mask) == Key;

    /// <summary>
    /// The aligned block of <paramref name="size"/> keys (a power of two) starting at
    /// <paramref name="start"/>, which must be a multiple of the size.
    /// </summary>
    /// <exception cref="ArgumentException">The size is not a power of two, or the start is not aligned to it.</exception>
    public static KeyAndMask Block(uint start, ulong size)
    {
        if (size == 0 || size > (1UL << 32) || !BitOperations.IsPow2(size))
        {
            throw new ArgumentException($"a key block needs a power-of-two size of at most 2^32; received {size}", nameof(size));
        }

        if (start % size != 0)
        {
            throw new ArgumentException($"a key block of {size} keys must start at a multiple of {size}; received 0x{start:X8}", nameof(start));
        }

        var mask = size == 1UL << 32 ? 0u : ~(uint)(size - 1);
        return new KeyAndMask(start, mask);
    }

    /// <summary>
    /// The fewest aligned blocks that cover exactly the keys <paramref name="start"/> to
    /// <paramref name="start"/> + <paramref name="count"/> - 1, in ascending order.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty or passes 2^32.</exception>
    public static IReadOnlyList<KeyAndMask> Cover(uint start, ulong count)
    {
        if (count == 0 || start + count > (1UL << 32))
        {
            throw new ArgumentException($"cannot cover {count} keys from 0x{start:X8}: the range must be non-empty and end at or below 2^32", nameof(count));
        }

        var blocks = new List<KeyAndMask>();
        ulong at = start;
        var end = start + count;
        while (at < end)
        {
            // The largest block aligned at 'at' that does not pass the end.
            var size = at == 0 ? 1UL << 32 : at & (~at + 1);
            while (size > end - at)
            {
                size >>= 1;
            }

            blocks.Add(Block((uint)at, size));
            at += size;
        }

        return blocks;
    }

    /// <summary>Formats as <c>0xKEY/0xMASK</c>.</summary>
    public override string ToString() => $"0x{Key:X8}/0x{Mask:X8}";
}
