using System.Diagnostics;
using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Splitting;

namespace SpiNNaker.Toolchain;

/// <summary>
/// Runs the mapping passes in order: split, place, route, allocate keys, generate tables,
/// compress tables, check resources. Each pass is a separate object with an explicit input
/// and result (see <see cref="MapperOptions"/>); the result of all is a <see cref="Mapping"/>.
/// Data generation and loading come after, because a core's data holds the keys.
/// </summary>
public sealed class Mapper
{
    /// <summary>Creates the mapper with the given passes (default: <see cref="MapperOptions"/>'s defaults).</summary>
    public Mapper(MapperOptions? options = null) => Options = options ?? new MapperOptions();

    /// <summary>The passes.</summary>
    public MapperOptions Options { get; }

    /// <summary>The pass names in pipeline order, as they appear in <see cref="Mapping.Timings"/>.</summary>
    public static IReadOnlyList<string> PassNames { get; } =
        ["split", "place", "route", "allocate-keys", "generate-tables", "compress-tables", "check-resources"];

    /// <summary>Splits <paramref name="graph"/> and maps it onto <paramref name="machine"/>.</summary>
    /// <exception cref="MappingException">A pass failed; the message says what did not fit.</exception>
    /// <exception cref="RoutingTableOverflowException">A routing table does not fit even after compression.</exception>
    public Mapping Map(ApplicationGraph graph, SpiNNakerMachine machine)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(machine);
        var timings = new List<PassTiming>();
        var machineGraph = Timed(timings, "split", () => new GraphSplitter(Options.Budget, Options.DefaultSplitter).Split(graph));
        return MapSplit(graph, machineGraph, machine, timings);
    }

    /// <summary>Maps a machine graph (no splitting) onto <paramref name="machine"/>.</summary>
    /// <exception cref="MappingException">A pass failed; the message says what did not fit.</exception>
    /// <exception cref="RoutingTableOverflowException">A routing table does not fit even after compression.</exception>
    public Mapping Map(MachineGraph graph, SpiNNakerMachine machine)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(machine);
        var timings = new List<PassTiming> { new("split", 0) };
        return MapSplit(null, graph, machine, timings);
    }

    private Mapping MapSplit(ApplicationGraph? graph, MachineGraph machineGraph, SpiNNakerMachine machine, List<PassTiming> timings)
    {
        var placements = Timed(timings, "place", () => Options.Placer.Place(machineGraph, machine));
        var trees = Timed(timings, "route", () => Options.Router.Route(machineGraph, placements, machine));
        var keys = Timed(timings, "allocate-keys", () => Options.KeyAllocator.Allocate(machineGraph));
        var uncompressed = Timed(timings, "generate-tables", () => Options.TableGenerator.Generate(trees, keys));
        var tables = Timed(timings, "compress-tables", () => Options.Compression.Compress(uncompressed));
        var usage = Timed(timings, "check-resources", () => new Resources.ResourceChecker(Options.Budget).Check(machineGraph, placements, machine));
        return new Mapping(machine, graph, machineGraph, placements, trees, keys, uncompressed, tables, usage, Options.Compression.Compressor.Name, timings);
    }

    private static T Timed<T>(List<PassTiming> timings, string pass, Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        timings.Add(new PassTiming(pass, clock.Elapsed.TotalSeconds));
        return result;
    }
}
