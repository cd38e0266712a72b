using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Keys;

namespace SpiNNaker.Toolchain.Routing.Compression;

/// <summary>
/// A pair compressor in the manner of PACMAN's: entries are grouped by route, the groups
/// ordered from the fewest entries to the most (the largest group goes last, where nothing
/// below it can be disturbed, so it merges most). Within a group, two entries merge into the
/// smallest key-and-mask that covers both (the bits where they differ become don't-care)
/// whenever that cover shares no key with an entry of a later group or a must-not-match set;
/// merging repeats until no pair merges. Covering an entry of an earlier group is harmless:
/// that entry matches first, and it never covered this group's own keys.
/// </summary>
public sealed class PairCompressor : IRoutingTableCompressor
{
    /// <inheritdoc/>
    public string Name => "pair";

    /// <inheritdoc/>
    public IReadOnlyList<RoutingEntry> Compress(IReadOnlyList<RoutingEntry> entries, IReadOnlyList<KeyAndMask> mustNotMatch)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(mustNotMatch);
        var groups = entries
            .GroupBy(e => e.Route.Value)
            .Select(g => (Route: new RouteWord(g.Key), Sets: g.Select(e => (e.Key, e.Mask)).Order().ToList()))
            .OrderBy(g => g.Sets.Count)
            .ThenBy(g => g.Route.Value)
            .ToList();

        // Everything below group g: the later groups' entries, then the must-not-match sets.
        var below = new (uint Key, uint Mask)[entries.Count + mustNotMatch.Count];
        var belowStart = new int[groups.Count + 1];
        var n = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            belowStart[g] = n;
            foreach (var set in groups[g].Sets)
            {
                below[n++] = set;
            }
        }

        belowStart[groups.Count] = n;
        foreach (var km in mustNotMatch)
        {
            below[n++] = (km.Key, km.Mask);
        }

        var result = new List<RoutingEntry>(entries.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var sets = groups[g].Sets;
            MergeGroup(sets, below.AsSpan(belowStart[g + 1], n - belowStart[g + 1]));
            foreach (var (key, mask) in sets)
            {
                result.Add(new RoutingEntry(key, mask, groups[g].Route));
            }
        }

        return result;
    }

    private static void MergeGroup(List<(uint Key, uint Mask)> sets, ReadOnlySpan<(uint Key, uint Mask)> below)
    {
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var i = 0; i < sets.Count; i++)
            {
                for (var j = i + 1; j < sets.Count; j++)
                {
                    var mask = sets[i].Mask & sets[j].Mask & ~(sets[i].Key ^ sets[j].Key);
                    var key = sets[i].Key & mask;
                    if (!Intersects(key, mask, below))
                    {
                        sets[i] = (key, mask);
                        sets.RemoveAt(j);
                        merged = true;
                        j = i;
                    }
                }
            }
        }
    }

    private static bool Intersects(uint key, uint mask, ReadOnlySpan<(uint Key, uint Mask)> sets)
    {
        foreach (var (k, m) in sets)
        {
            if (((key ^ k) & mask & m) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
