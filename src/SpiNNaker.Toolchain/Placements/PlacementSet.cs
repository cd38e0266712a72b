using System.Collections;
using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>
/// Where every machine vertex runs: at most one vertex per core, one core per vertex. The
/// placer's result.
/// </summary>
public sealed class PlacementSet : IReadOnlyCollection<Placement>
{
    private readonly Dictionary<MachineVertex, CoreLocation> _coreOf = [];
    private readonly Dictionary<CoreLocation, MachineVertex> _vertexOn = [];
    private readonly List<Placement> _order = [];
    private readonly Dictionary<ChipCoordinate, List<MachineVertex>> _byChip = [];

    /// <summary>The number of placed vertices.</summary>
    public int Count => _order.Count;

    /// <summary>The chips that hold at least one vertex, in the order first used.</summary>
    public IEnumerable<ChipCoordinate> Chips => _byChip.Keys;

    /// <summary>The number of chips that hold at least one vertex.</summary>
    public int ChipCount => _byChip.Count;

    /// <summary>The core of <paramref name="vertex"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vertex is not placed.</exception>
    public CoreLocation this[MachineVertex vertex] =>
        _coreOf.TryGetValue(vertex, out var core) ? core : throw new KeyNotFoundException($"machine vertex '{vertex.Label}' is not placed");

    /// <summary>Places <paramref name="vertex"/> on <paramref name="core"/>.</summary>
    /// <exception cref="ArgumentException">The vertex is already placed or the core already taken.</exception>
    public void Add(MachineVertex vertex, CoreLocation core)
    {
        ArgumentNullException.ThrowIfNull(vertex);
        if (_coreOf.TryGetValue(vertex, out var existing))
        {
            throw new ArgumentException($"machine vertex '{vertex.Label}' is already placed on {existing}", nameof(vertex));
        }

        if (_vertexOn.TryGetValue(core, out var other))
        {
            throw new ArgumentException($"core {core} already runs '{other.Label}'; cannot place '{vertex.Label}' there", nameof(core));
        }

        _coreOf.Add(vertex, core);
        _vertexOn.Add(core, vertex);
        _order.Add(new Placement(vertex, core));
        if (!_byChip.TryGetValue(core.Chip, out var list))
        {
            _byChip[core.Chip] = list = [];
        }

        list.Add(vertex);
    }

    /// <summary>Whether <paramref name="vertex"/> is placed.</summary>
    public bool IsPlaced(MachineVertex vertex) => _coreOf.ContainsKey(vertex);

    /// <summary>The core of <paramref name="vertex"/>, if placed.</summary>
    public bool TryGetCore(MachineVertex vertex, out CoreLocation core) => _coreOf.TryGetValue(vertex, out core);

    /// <summary>The vertex on <paramref name="core"/>, if any.</summary>
    public bool TryGetVertex(CoreLocation core, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MachineVertex? vertex) =>
        _vertexOn.TryGetValue(core, out vertex);

    /// <summary>The vertices on <paramref name="chip"/>, in the order placed.</summary>
    public IReadOnlyList<MachineVertex> VerticesOn(ChipCoordinate chip) => _byChip.TryGetValue(chip, out var list) ? list : [];

    /// <summary>The placements in the order made.</summary>
    public IEnumerator<Placement> GetEnumerator() => _order.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
