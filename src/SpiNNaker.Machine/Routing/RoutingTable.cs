using System.Collections;

namespace SpiNNaker.Machine;

/// <summary>
/// An ordered multicast routing table: the first (top-most) entry that matches a key
/// decides its route. A SpiNNaker 1 router has 1024 entries, entry 0 reserved for the
/// system, so applications get <see cref="ApplicationCapacity"/>; adding more is an error.
/// </summary>
public sealed class RoutingTable : IReadOnlyList<RoutingEntry>
{
    /// <summary>Entries a SpiNNaker 1 router holds for applications: 1023.</summary>
    public const int ApplicationCapacity = 1023;

    private readonly List<RoutingEntry> _entries = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="capacity">The most entries it may hold (default: the SpiNNaker 1 router's 1023).</param>
    public RoutingTable(int capacity = ApplicationCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>Creates a table holding <paramref name="entries"/> in order.</summary>
    /// <exception cref="RoutingTableOverflowException">There are more entries than <paramref name="capacity"/>.</exception>
    public RoutingTable(IEnumerable<RoutingEntry> entries, int capacity = ApplicationCapacity)
        : this(capacity)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Add(entry);
        }
    }

    /// <summary>The most entries the table may hold.</summary>
    public int Capacity { get; }

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Increases on every change, so a reader that caches lookups (the simulator's routers)
    /// can tell whether its cache is still valid.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>The entry at <paramref name="index"/> (0 = first checked).</summary>
    public RoutingEntry this[int index] => _entries[index];

    /// <summary>Appends an entry at the bottom (checked last).</summary>
    /// <exception cref="RoutingTableOverflowException">The table is full.</exception>
    public void Add(RoutingEntry entry) => Insert(_entries.Count, entry);

    /// <summary>Appends an entry at the bottom (checked last).</summary>
    /// <exception cref="RoutingTableOverflowException">The table is full.</exception>
    public void Add(uint key, uint mask, RouteWord route) => Add(new RoutingEntry(key, mask, route));

    /// <summary>Inserts an entry at <paramref name="index"/>.</summary>
    /// <exception cref="RoutingTableOverflowException">The table is full.</exception>
    public void Insert(int index, RoutingEntry entry)
    {
        if (_entries.Count >= Capacity)
        {
            throw new RoutingTableOverflowException(
                $"routing table holds at most {Capacity} entries; cannot add entry {_entries.Count + 1} ({entry})",
                Capacity,
                _entries.Count + 1);
        }

        _entries.Insert(index, entry);
        Version++;
    }

    /// <summary>Removes the entry at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        _entries.RemoveAt(index);
        Version++;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        _entries.Clear();
        Version++;
    }

    /// <summary>The index of the first entry matching <paramref name="key"/>, or -1.</summary>
    public int FindIndex(uint key)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_entries);
        for (var i = 0; i < span.Length; i++)
        {
            if ((key & span[i].Mask) == span[i].Key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The route of the first entry matching <paramref name="key"/>; false when none matches.</summary>
    public bool TryLookup(uint key, out RouteWord route)
    {
        var i = FindIndex(key);
        route = i >= 0 ? _entries[i].Route : RouteWord.Empty;
        return i >= 0;
    }

    /// <summary>The route of the first entry matching <paramref name="key"/>, or null when none matches.</summary>
    public RouteWord? Lookup(uint key) => TryLookup(key, out var route) ? route : null;

    /// <summary>The entries in order.</summary>
    public IEnumerator<RoutingEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
