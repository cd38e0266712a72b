using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;

namespace SpiNNaker.Toolchain.Loading;

/// <summary>
/// The loading pass: puts a mapping onto a simulation, the routing tables into the routers
/// and each vertex's core application with its generated SDRAM regions onto its core. Each
/// program is loaded held to the DTCM and SDRAM its vertex declared
/// (<see cref="CoreMemoryLimits"/>; the simulator enforces them): generated data and the
/// program's own allocations are charged against them, and going over is an error naming the
/// vertex, because the splitter and placer decided on those numbers.
/// </summary>
public static class Loader
{
    /// <summary>Loads <paramref name="mapping"/> with <paramref name="data"/> onto <paramref name="simulation"/>, which must have nothing loaded.</summary>
    /// <exception cref="ArgumentException">The simulation runs another machine.</exception>
    /// <exception cref="MappingException">A vertex has no core application.</exception>
    public static void Load(Mapping mapping, GeneratedData data, Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(simulation);
        if (!ReferenceEquals(simulation.Machine, mapping.Machine))
        {
            throw new ArgumentException($"the simulation runs {simulation.Machine} but the graph was mapped onto {mapping.Machine}; map onto the simulation's machine", nameof(simulation));
        }

        var applications = new List<(Placements.Placement Placement, CoreApplication Application)>(mapping.Placements.Count);
        foreach (var placement in mapping.Placements)
        {
            var application = placement.Vertex.CreateCoreApplication()
                ?? throw new MappingException($"machine vertex '{placement.Vertex.Label}' ({placement.Vertex.GetType().Name}) has no core application: it can be mapped but not loaded");
            applications.Add((placement, application));
        }

        simulation.LoadRoutingTables(mapping.Tables.Tables);
        foreach (var (placement, application) in applications)
        {
            var vertex = placement.Vertex;
            var limits = new CoreMemoryLimits
            {
                DtcmBytes = vertex.Resources.DtcmBytes,
                SdramBytes = vertex.Resources.SdramBytes,
                Label = $"machine vertex '{vertex.Label}'",
            };
            simulation.LoadApplication(placement.Core, application, data.RegionsOf(vertex), limits);
        }
    }
}
