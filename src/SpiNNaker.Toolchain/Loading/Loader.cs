using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;

namespace SpiNNaker.Toolchain.Loading;

/// <summary>
/// The loading pass: puts a mapping onto a simulation, the routing tables into the routers
/// and each vertex's core application with its generated SDRAM regions onto its core.
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

        var missing = mapping.MachineGraph.Vertices.FirstOrDefault(v => v.CreateCoreApplication() is null);
        if (missing is not null)
        {
            throw new MappingException($"machine vertex '{missing.Label}' ({missing.GetType().Name}) has no core application: it can be mapped but not loaded");
        }

        simulation.LoadRoutingTables(mapping.Tables.Tables);
        foreach (var placement in mapping.Placements)
        {
            var application = placement.Vertex.CreateCoreApplication()!;
            simulation.LoadApplication(placement.Core, application, data.RegionsOf(placement.Vertex));
        }
    }
}
