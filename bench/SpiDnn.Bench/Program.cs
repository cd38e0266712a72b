using SpiDnn.Bench;

// Benchmarks are measured in a Release build:
//   dotnet run -c Release --project bench/SpiDnn.Bench -- <name> [--json] [options]
IBenchmark[] benchmarks =
[
    // The embedded MNIST training split (8,000 x 784, 10 classes): the data the CLI trains on.
    new HostMlpBenchmark("mnist (embedded 8,000 training digits)", () =>
    {
        var train = SpiDnn.Data.Mnist.LoadEmbedded().Train;
        return (train.X, train.Y);
    }),
    new NeuronBaselineBenchmark(),
    new MappingCompareBenchmark(),
    new BlockedRunBenchmark(),
    new BlockedPlansBenchmark(),
    new FixedPointBenchmark(),
    new SimTrafficBenchmark(),
    new SimLifeBenchmark(),
    new ToolchainMapBenchmark(),
];

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: SpiDnn.Bench <benchmark> [--json] [options]");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-18} {b.Summary}");
    }
    return args.Length == 0 ? 1 : 0;
}

var chosen = Array.Find(benchmarks, b => b.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

var rest = args.Skip(1).Where(a => a != "--json").ToArray();
try
{
    return chosen.Run(rest, json: args.Contains("--json"));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{chosen.Name}: {e.Message}");
    return 2;
}
