using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>The free cores and SDRAM of each chip while a placer works, and its error messages.</summary>
internal sealed class PlacementState
{
    private readonly MachineGraph _graph;
    private readonly SpiNNakerMachine _machine;
    private readonly IReadOnlyList<Chip> _chips;
    private readonly Dictionary<ChipCoordinate, int> _position = [];
    private readonly List<int>[] _freeCores;
    private readonly long[] _freeSdram;

    public PlacementState(MachineGraph graph, SpiNNakerMachine machine)
    {
        _graph = graph;
        _machine = machine;
        _chips = RadialChipOrder.Of(machine);
        _freeCores = new List<int>[_chips.Count];
        _freeSdram = new long[_chips.Count];
        for (var i = 0; i < _chips.Count; i++)
        {
            _position[_chips[i].Coordinate] = i;
            _freeCores[i] = [.. _chips[i].ApplicationCores];
            _freeSdram[i] = _chips[i].SdramBytes;
        }
    }

    public PlacementSet Result { get; } = new();

    public bool IsPlaced(MachineVertex vertex) => Result.IsPlaced(vertex);

    /// <summary>Fails early, with the totals, when there are more vertices than cores.</summary>
    public void CheckTotals()
    {
        var cores = _freeCores.Sum(c => c.Count);
        if (_graph.Vertices.Count > cores)
        {
            var unreachable = _machine.ChipCount - _chips.Count;
            throw new PlacementException(
                $"the graph needs {_graph.Vertices.Count:N0} cores (one per machine vertex) but the machine ({_machine}) has {cores:N0} application cores on {_chips.Count:N0} usable chips" +
                (unreachable > 0 ? $" ({unreachable} chips cannot be reached from the Ethernet chip)" : string.Empty) +
                $"; {_graph.Vertices.Count - cores:N0} vertices do not fit");
        }
    }

    public void PlaceFixed(SameChipGroup group)
    {
        var chip = group.FixedChip!.Value;
        if (!_position.TryGetValue(chip, out var at))
        {
            throw new PlacementException($"{group.Describe()} is fixed to chip {chip}, which cannot be reached from the Ethernet chip {_machine.EthernetChips[0]}");
        }

        if (_freeCores[at].Count < group.Members.Count || _freeSdram[at] < group.SdramBytes)
        {
            throw new PlacementException(
                $"cannot place {group.Describe()} on its fixed chip {chip}: the chip has {_freeCores[at].Count} free application cores and {_freeSdram[at]:N0} B of free SDRAM");
        }

        foreach (var vertex in group.Members)
        {
            if (group.FixedCores.TryGetValue(vertex, out var p))
            {
                if (!_freeCores[at].Remove(p))
                {
                    var why = !_chips[at].IsApplicationCore(p)
                        ? "it is not an application core of the chip (dead, the monitor, or reserved)"
                        : $"it already runs '{(Result.TryGetVertex(new CoreLocation(chip, p), out var other) ? other.Label : "?")}'";
                    throw new PlacementException($"machine vertex '{vertex.Label}' is fixed to core {new CoreLocation(chip, p)}, but {why}");
                }

                Take(vertex, at, p);
            }
        }

        foreach (var vertex in group.Members)
        {
            if (!group.FixedCores.ContainsKey(vertex))
            {
                var p = _freeCores[at][0];
                _freeCores[at].RemoveAt(0);
                Take(vertex, at, p);
            }
        }
    }

    /// <summary>
    /// Places the group on the first chip at or after <paramref name="cursor"/> with room;
    /// returns the new cursor (the first chip that still has a free core).
    /// </summary>
    public int PlaceFromCursor(SameChipGroup group, int cursor) => PlaceFromCursor(group, cursor, out _);

    /// <summary>As <see cref="PlaceFromCursor(SameChipGroup, int)"/>, also giving the position of the chip used.</summary>
    public int PlaceFromCursor(SameChipGroup group, int cursor, out int placedAt)
    {
        var sdram = group.SdramBytes;
        var need = group.Members.Count;
        var at = cursor;
        while (at < _chips.Count && (_freeCores[at].Count < need || _freeSdram[at] < sdram))
        {
            at++;
        }

        if (at == _chips.Count)
        {
            throw new PlacementException($"cannot place {group.Describe()}: {DescribeFree()}");
        }

        foreach (var vertex in group.Members)
        {
            var p = _freeCores[at][0];
            _freeCores[at].RemoveAt(0);
            Take(vertex, at, p);
        }

        placedAt = at;
        while (cursor < _chips.Count && _freeCores[cursor].Count == 0)
        {
            cursor++;
        }

        return cursor;
    }

    private void Take(MachineVertex vertex, int at, int processor)
    {
        _freeSdram[at] -= vertex.Resources.SdramBytes;
        Result.Add(vertex, new CoreLocation(_chips[at].Coordinate, processor));
    }

    private string DescribeFree()
    {
        var freeCores = 0;
        var chipsWithCores = 0;
        var mostCores = 0;
        long mostSdram = 0;
        for (var i = 0; i < _chips.Count; i++)
        {
            if (_freeCores[i].Count > 0)
            {
                freeCores += _freeCores[i].Count;
                chipsWithCores++;
                mostCores = Math.Max(mostCores, _freeCores[i].Count);
                mostSdram = Math.Max(mostSdram, _freeSdram[i]);
            }
        }

        return $"{Result.Count:N0} of {_graph.Vertices.Count:N0} vertices placed; free: {freeCores:N0} application cores on {chipsWithCores:N0} chips " +
            $"(at most {mostCores} on one chip; the most free SDRAM on a chip with a free core is {mostSdram:N0} B)";
    }
}
