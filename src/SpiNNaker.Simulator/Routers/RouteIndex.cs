using System.Numerics;

namespace SpiNNaker.Simulator;

/// <summary>
/// An exact first-match index over a routing table: entries are grouped by mask, and each
/// group is a hash table from masked key to the first entry (lowest index) with that key.
/// A lookup probes every group and keeps the lowest matching index, which is exactly the
/// ordered table's first match, in (number of distinct masks) probes instead of a scan.
/// </summary>
internal sealed class RouteIndex
{
    private const uint Empty = uint.MaxValue;

    private readonly uint[] _masks;
    private readonly uint[][] _keys;
    private readonly int[][] _entries;
    private readonly int[] _shifts;
    private readonly uint[] _routes;

    public RouteIndex(uint[] keys, uint[] masks, uint[] routes)
    {
        _routes = routes;
        var groups = new List<uint>();
        foreach (var mask in masks)
        {
            if (!groups.Contains(mask))
            {
                groups.Add(mask);
            }
        }

        _masks = [.. groups];
        _keys = new uint[_masks.Length][];
        _entries = new int[_masks.Length][];
        _shifts = new int[_masks.Length];
        for (var g = 0; g < _masks.Length; g++)
        {
            var members = Enumerable.Range(0, keys.Length).Where(i => masks[i] == _masks[g]).ToList();
            var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, members.Count * 2));
            var table = new uint[slots];
            var entries = new int[slots];
            Array.Fill(table, Empty);
            _shifts[g] = 32 - BitOperations.Log2((uint)slots);
            foreach (var i in members)
            {
                // Probe linearly; keep only the first (lowest index) entry per masked key.
                var slot = (int)((keys[i] * 0x9E3779B1u) >> _shifts[g]);
                while (table[slot] != Empty && table[slot] != keys[i])
                {
                    slot = (slot + 1) & (slots - 1);
                }

                if (table[slot] == Empty)
                {
                    table[slot] = keys[i];
                    entries[slot] = i;
                }
            }

            // The all-ones key cannot mark an empty slot if it is a real key: keep it aside.
            _keys[g] = table;
            _entries[g] = entries;
        }

        AllOnesEntry = Enumerable.Range(0, keys.Length).Where(i => keys[i] == uint.MaxValue).DefaultIfEmpty(int.MaxValue).First();
    }

    /// <summary>The first entry whose key is 0xFFFFFFFF (which the hash tables use as "empty"), or int.MaxValue.</summary>
    private int AllOnesEntry { get; }

    /// <summary>The route of the first matching entry, or -1.</summary>
    public int Lookup(uint key)
    {
        var best = key == uint.MaxValue ? AllOnesEntry : int.MaxValue;
        for (var g = 0; g < _masks.Length; g++)
        {
            var masked = key & _masks[g];
            if (masked == Empty)
            {
                continue;
            }

            var table = _keys[g];
            var slot = (int)((masked * 0x9E3779B1u) >> _shifts[g]);
            while (true)
            {
                var k = table[slot];
                if (k == masked)
                {
                    best = Math.Min(best, _entries[g][slot]);
                    break;
                }

                if (k == Empty)
                {
                    break;
                }

                slot = (slot + 1) & (table.Length - 1);
            }
        }

        return best == int.MaxValue ? -1 : (int)_routes[best];
    }
}
