using System.Diagnostics;
using SpiNNaker.Machine;
using SpiNNaker.Toolchain;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Keys;
using SpiNNaker.Toolchain.Running;

namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// What a mapping runs on for one backend operation: the built machine, the simulator's cost
/// model and router settings, the toolchain (the seed's first-touch global partition key
/// allocator, the default placer, router and compressor), and the record of the machine runs
/// the operation made.
/// </summary>
public sealed class SpiNNakerTarget
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private SpiNNakerRunStatistics? _statistics;

    /// <summary>Creates the target of <paramref name="options"/> (validated), building its machine.</summary>
    public SpiNNakerTarget(SpiNNakerBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Machine = options.Machine.Build(reserveExtraMonitor: options.Reinjection);
    }

    /// <summary>The backend options.</summary>
    public SpiNNakerBackendOptions Options { get; }

    /// <summary>The machine.</summary>
    public SpiNNakerMachine Machine { get; }

    /// <summary>The figures of the runs recorded so far (null before the first).</summary>
    public SpiNNakerRunStatistics? Statistics => _statistics;

    /// <summary>Maps <paramref name="graph"/> onto the machine with the global partition key allocator.</summary>
    /// <exception cref="SpiNNakerMappingException">The graph does not fit the machine; the message names what did not fit.</exception>
    public Mapping Map(ApplicationGraph graph)
    {
        try
        {
            return new Mapper(new MapperOptions { KeyAllocator = new GlobalPartitionKeyAllocator() }).Map(graph, Machine);
        }
        catch (MappingException e)
        {
            throw new SpiNNakerMappingException($"the {Options.Mapping} mapping's graph does not map onto the machine ({Machine}): {e.Message}", e);
        }
    }

    /// <summary>A session of <paramref name="mapping"/> on a new simulation with the target's cost model and router settings.</summary>
    public MachineSession CreateSession(Mapping mapping) => new(mapping, Options.Cost, Options.SimulationOptions);

    /// <summary>Records one finished machine run of <paramref name="examples"/> examples.</summary>
    public void Record(MachineSession session, long examples)
    {
        ArgumentNullException.ThrowIfNull(session);
        var run = SpiNNakerRunStatistics.FromSimulation(Options.Mapping, Options.Machine.Name, session.GetStatistics(), examples, 0);
        _statistics = _statistics is null ? run : _statistics.Plus(run);
    }

    /// <summary>The recorded figures with the host time since the target was created.</summary>
    public SpiNNakerRunStatistics Finish() =>
        (_statistics ?? throw new InvalidOperationException("no machine run was recorded")) with { HostSeconds = _clock.Elapsed.TotalSeconds };
}
