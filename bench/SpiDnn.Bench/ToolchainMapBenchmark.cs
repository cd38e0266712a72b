using System.Diagnostics;
using System.Globalization;
using System.Text;
using SpiNNaker.Machine;
using SpiNNaker.Toolchain;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Placements;
using SpiNNaker.Toolchain.Resources;
using SpiNNaker.Toolchain.Routing.Compression;

namespace SpiDnn.Bench;

/// <summary>
/// toolchain-map: maps a graph of 10,000 vertices (atoms) with 100,000 edges (atom-level
/// connections) onto a 3-board machine (one triad: 144 chips, 2,448 application cores) and
/// reports the seconds of each pass. A machine vertex is one core and 10,000 exceeds the
/// cores, so "vertex" is read as an atom: 10 application vertices (layers) of 1,000 atoms,
/// 5 atoms per core, become 2,000 machine vertices; each of the 100,000 connections joins an
/// atom of one layer to an atom within 50 of the same index in the next (a sparse, local
/// pattern like a 1-D convolution), and the splitter turns them into machine edges between
/// the cores holding the atoms. Peer, in the same run: the same graph placed on random cores
/// instead of by the connective placer (the other passes unchanged), to show what placement
/// saves in links and table entries.
/// </summary>
internal sealed class ToolchainMapBenchmark : IBenchmark
{
    private const string Interpretation =
        "vertex = atom: 10 application vertices x 1,000 atoms (5 per core -> 2,000 machine vertices, one core each); " +
        "edge = atom-level connection: 100,000 connections between consecutive layers, each target within 50 atoms of its source's index";

    public string Name => "toolchain-map";

    public string Summary => "map 10,000 atoms / 100,000 connections onto a 3-board machine; seconds per pass [--seed 1 --repeats 5]";

    public int Run(IReadOnlyList<string> args, bool json)
    {
        var options = new BenchOptions(args, "seed", "repeats");
        var seed = options.Int("seed", 1);
        var repeats = Math.Max(1, options.Int("repeats", 5));
        var machine = MachineBuilder.Triads(1, 1);
        var connective = new Mapper();
        var random = new Mapper(new MapperOptions { Placer = new RandomPlacer(seed) });

        // Warm-up (the JIT tiers code up over the first runs), then the run with the median
        // total of several, each after a full garbage collection.
        for (var i = 0; i < 3; i++)
        {
            connective.Map(BuildGraph(seed), machine);
            random.Map(BuildGraph(seed), machine);
        }

        var mapping = Median(connective, machine, seed, repeats);
        var peer = Median(random, machine, seed, repeats);
        var clustered = new Mapper(new MapperOptions { Placer = new ConnectivePlacer { Order = PlacementOrder.Clusters } }).Map(BuildGraph(seed), machine).CreateReport().Summary;

        // The compressor on every table of the measured mapping (policy Always), since none
        // of them needs it to fit.
        var always = new TableCompressionPass(policy: CompressionPolicy.Always);
        var clock = Stopwatch.StartNew();
        var compressedAll = always.Compress(mapping.UncompressedTables);
        var compressAllSeconds = clock.Elapsed.TotalSeconds;

        var summary = mapping.CreateReport().Summary;
        var peerSummary = peer.CreateReport().Summary;
        var c = CultureInfo.InvariantCulture;
        if (json)
        {
            var line = new StringBuilder();
            line.Append(c, $"{{\"benchmark\":\"toolchain-map\",\"interpretation\":\"{Interpretation}\",\"machine\":\"{machine}\",");
            line.Append(c, $"\"atoms\":10000,\"atom_connections\":100000,\"application_vertices\":{summary.ApplicationVertices},\"machine_vertices\":{summary.MachineVertices},");
            line.Append(c, $"\"partitions\":{summary.Partitions},\"machine_edges\":{summary.Edges},\"repeats\":{repeats},\"seconds_per_pass\":{{");
            line.AppendJoin(',', mapping.Timings.Select(t => string.Create(c, $"\"{t.Pass}\":{t.Seconds:F6}")));
            line.Append(c, $"}},\"total_seconds\":{Total(mapping):F6},\"chips_used\":{summary.ChipsUsed},\"tree_links\":{summary.TreeLinks},");
            line.Append(c, $"\"table_entries_generated\":{summary.GeneratedEntriesTotal},\"table_entries_loaded\":{summary.FinalEntriesTotal},\"max_table_generated\":{summary.GeneratedEntriesMax},\"max_table_loaded\":{summary.FinalEntriesMax},");
            line.Append(c, $"\"peer_random_placement\":{{\"total_seconds\":{Total(peer):F6},\"chips_used\":{peerSummary.ChipsUsed},\"tree_links\":{peerSummary.TreeLinks},\"table_entries_loaded\":{peerSummary.FinalEntriesTotal},\"max_table_loaded\":{peerSummary.FinalEntriesMax},\"tables_compressed\":{peerSummary.TablesCompressed}}},");
            line.Append(c, $"\"cluster_order\":{{\"tree_links\":{clustered.TreeLinks},\"table_entries_loaded\":{clustered.FinalEntriesTotal},\"max_table_loaded\":{clustered.FinalEntriesMax}}},");
            line.Append(c, $"\"compress_all_tables_seconds\":{compressAllSeconds:F6},\"compress_all_tables_entries\":{compressedAll.TotalEntries},\"compress_all_tables_max\":{compressedAll.MaxEntries},");
            line.Append(c, $"\"tree_links_ratio_random_to_connective\":{(double)peerSummary.TreeLinks / summary.TreeLinks:F3}}}");
            Console.WriteLine(line.ToString());
        }
        else
        {
            Console.WriteLine($"toolchain-map: {machine}");
            Console.WriteLine($"  interpretation: {Interpretation}");
            Console.WriteLine(string.Create(c, $"  graph: {summary.ApplicationVertices} application vertices -> {summary.MachineVertices:N0} machine vertices, {summary.Partitions:N0} partitions, {summary.Edges:N0} machine edges"));
            Console.WriteLine(string.Create(c, $"  seconds per pass (the run with the median total of {repeats}, after 3 warm-up runs):"));
            foreach (var t in mapping.Timings)
            {
                Console.WriteLine(string.Create(c, $"    {t.Pass,-16} {t.Seconds,9:F4} s"));
            }

            Console.WriteLine(string.Create(c, $"    {"total",-16} {Total(mapping),9:F4} s"));
            Console.WriteLine(string.Create(c, $"  result: {summary.ChipsUsed} chips, {summary.TreeLinks:N0} tree links, table entries {summary.GeneratedEntriesTotal:N0} generated -> {summary.FinalEntriesTotal:N0} loaded (max per chip {summary.GeneratedEntriesMax} -> {summary.FinalEntriesMax}), compressor ran on {summary.TablesCompressed} chips"));
            Console.WriteLine(string.Create(c, $"  variant: cluster placement order  {clustered.TreeLinks:N0} tree links, {clustered.FinalEntriesTotal:N0} entries loaded (max {clustered.FinalEntriesMax})"));
            Console.WriteLine(string.Create(c, $"  compressor on every table (policy Always): {compressAllSeconds:F4} s, {compressedAll.TotalEntries:N0} entries loaded (max {compressedAll.MaxEntries})"));
            Console.WriteLine(string.Create(c, $"  peer: random placement          {Total(peer),9:F4} s total, {peerSummary.TreeLinks:N0} tree links ({(double)peerSummary.TreeLinks / summary.TreeLinks:F1}x), {peerSummary.FinalEntriesTotal:N0} entries loaded (max {peerSummary.FinalEntriesMax}), compressor ran on {peerSummary.TablesCompressed} chips"));
        }

        return 0;
    }

    private static double Total(Mapping mapping) => mapping.Timings.Sum(t => t.Seconds);

    private static Mapping Median(Mapper mapper, SpiNNakerMachine machine, int seed, int repeats)
    {
        var runs = new List<Mapping>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var graph = BuildGraph(seed);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            runs.Add(mapper.Map(graph, machine));
        }

        return runs.OrderBy(Total).ElementAt(repeats / 2);
    }

    private static ApplicationGraph BuildGraph(int seed)
    {
        const int layers = 10;
        const int atoms = 1_000;
        const int connections = 100_000;
        var random = new Random(seed);
        var graph = new ApplicationGraph();
        var vertices = new SimpleApplicationVertex[layers];
        for (var l = 0; l < layers; l++)
        {
            // 2,000 B per core + 11,000 B per atom: 5 atoms fit the 61,440 B of DTCM, 6 do not.
            vertices[l] = graph.AddVertex(new SimpleApplicationVertex($"layer{l}", atoms, new ResourceRequirements(11_000, 4_000), new ResourceRequirements(2_000, 16_000)));
        }

        for (var l = 0; l + 1 < layers; l++)
        {
            var count = (connections / (layers - 1)) + (l < connections % (layers - 1) ? 1 : 0);
            var pairs = new (int, int)[count];
            for (var i = 0; i < count; i++)
            {
                var source = random.Next(atoms);
                pairs[i] = (source, Math.Clamp(source + random.Next(-50, 51), 0, atoms - 1));
            }

            graph.AddEdge(vertices[l], vertices[l + 1], "forward", new ConnectionListConnectivity(pairs));
        }

        return graph;
    }

    /// <summary>The peer: every vertex on a random free application core (seeded), ignoring connections.</summary>
    private sealed class RandomPlacer(int seed) : IPlacer
    {
        public PlacementSet Place(MachineGraph graph, SpiNNakerMachine machine)
        {
            var random = new Random(seed);
            var cores = machine.ApplicationCores.ToArray();
            random.Shuffle(cores);
            var placements = new PlacementSet();
            for (var i = 0; i < graph.Vertices.Count; i++)
            {
                placements.Add(graph.Vertices[i], cores[i]);
            }

            return placements;
        }
    }
}
