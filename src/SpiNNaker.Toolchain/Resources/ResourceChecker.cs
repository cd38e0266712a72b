using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Routing.Tables;

namespace SpiNNaker.Toolchain.Resources;

/// <summary>
/// The resource check pass: every vertex is on a working application core of its own, needs
/// no more DTCM and cycles than a core has, and the vertices of each chip need no more SDRAM
/// than the chip has. An independent check of whatever placer ran.
/// </summary>
public sealed class ResourceChecker
{
    /// <summary>Creates the checker.</summary>
    public ResourceChecker(CoreBudget? budget = null) => Budget = budget ?? CoreBudget.SpiNNaker1;

    /// <summary>The per-core limits.</summary>
    public CoreBudget Budget { get; }

    /// <summary>Checks the placements of <paramref name="graph"/> on <paramref name="machine"/>.</summary>
    /// <exception cref="ResourceException">A vertex or a chip is over its limits, or a vertex is unplaced or on a core applications may not use.</exception>
    public ResourceUsage Check(MachineGraph graph, PlacementSet placements, SpiNNakerMachine machine) =>
        Check(graph, placements, machine, v => v.Resources.SdramBytes);

    /// <summary>
    /// Checks as <see cref="Check(MachineGraph, PlacementSet, SpiNNakerMachine)"/>, charging
    /// each vertex <paramref name="sdramOf"/> bytes of SDRAM (e.g. the size of its generated data).
    /// </summary>
    public ResourceUsage Check(MachineGraph graph, PlacementSet placements, SpiNNakerMachine machine, Func<MachineVertex, long> sdramOf)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(placements);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(sdramOf);
        var perChip = new SortedDictionary<ChipCoordinate, (int Cores, long Sdram, long Dtcm)>(ChipOrder.Instance);
        foreach (var vertex in graph.Vertices)
        {
            if (!placements.TryGetCore(vertex, out var core))
            {
                throw new ResourceException($"machine vertex '{vertex.Label}' is not placed");
            }

            if (!machine.IsApplicationCore(core))
            {
                throw new ResourceException($"machine vertex '{vertex.Label}' is placed on {core}, which is not a working application core of the machine");
            }

            var needs = vertex.Resources;
            if (needs.DtcmBytes > Budget.DtcmBytes || (Budget.CyclesPerTimestep is { } c && needs.CyclesPerTimestep > c))
            {
                throw new ResourceException($"machine vertex '{vertex.Label}' on {core} needs {needs}, more than a core has ({Budget.Excess(needs)})");
            }

            var (cores, sdram, dtcm) = perChip.GetValueOrDefault(core.Chip);
            perChip[core.Chip] = (cores + 1, sdram + sdramOf(vertex), dtcm + needs.DtcmBytes);
        }

        var usage = new List<ChipUsage>(perChip.Count);
        foreach (var (chip, (cores, sdram, dtcm)) in perChip)
        {
            var available = machine.GetChip(chip);
            if (sdram > available.SdramBytes)
            {
                var vertices = string.Join(", ", placements.VerticesOn(chip).Take(5).Select(v => $"'{v.Label}' {sdramOf(v):N0} B"));
                throw new ResourceException(
                    $"the {cores} vertices on chip {chip} need {sdram:N0} B of SDRAM but the chip has {available.SdramBytes:N0} B ({vertices}{(cores > 5 ? ", ..." : string.Empty)})");
            }

            usage.Add(new ChipUsage(chip, cores, available.ApplicationCores.Count, sdram, available.SdramBytes, dtcm));
        }

        return new ResourceUsage(usage);
    }
}
