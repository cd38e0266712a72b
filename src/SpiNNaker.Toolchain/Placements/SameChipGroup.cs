using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Placements;

/// <summary>
/// Vertices that must share a chip (joined by <see cref="SameChipConstraint"/>s; a vertex
/// without one is a group of one), with the chip and cores that constraints fix.
/// </summary>
internal sealed class SameChipGroup
{
    public SameChipGroup(List<MachineVertex> members) => Members = members;

    /// <summary>The members in graph order.</summary>
    public List<MachineVertex> Members { get; }

    /// <summary>The chip every member must be on, if a constraint fixes one.</summary>
    public ChipCoordinate? FixedChip { get; set; }

    /// <summary>The fixed processor of each member that has one.</summary>
    public Dictionary<MachineVertex, int> FixedCores { get; } = [];

    /// <summary>The SDRAM all members need together.</summary>
    public long SdramBytes => Members.Sum(v => v.Resources.SdramBytes);

    /// <summary>Describes the group for an error message.</summary>
    public string Describe()
    {
        var first = Members[0];
        var text = $"machine vertex '{first.Label}' (needs {first.Resources})";
        return Members.Count == 1 ? text : $"{text} with {Members.Count - 1} more that must share its chip ({Members.Count} cores, SDRAM {SdramBytes:N0} B together)";
    }
}
