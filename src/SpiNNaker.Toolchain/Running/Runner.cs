using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiNNaker.Toolchain.Running;

/// <summary>
/// The running pass: runs a loaded simulation for a time, until every compute core is done,
/// or until a host condition holds or the host stops it, each ending at the event that
/// decides it (no stepping). Service cores (live I/O) never call Done, so "done" means every other core is
/// done, and what they sent has arrived (the simulator's run-until-done drains the network).
/// A live gatherer holds the events it has until its flush timer, so with gatherers the
/// runner then waits <see cref="FlushPicoseconds"/> for every gatherer to send what it holds,
/// and drains again until those messages have reached the host.
/// </summary>
public sealed class Runner
{
    private readonly Simulation _simulation;
    private readonly CoreLocation[] _computeCores;
    private readonly bool _hasServices;
    private int _firstNotDone;

    /// <summary>Creates the runner of <paramref name="simulation"/>.</summary>
    /// <param name="simulation">The loaded simulation.</param>
    /// <param name="computeCores">The cores whose Done ends a run-until-done.</param>
    /// <param name="hasServices">Whether service cores are loaded too.</param>
    /// <param name="pollPicoseconds">The longest simulated time between evaluations of a <see cref="RunUntil"/> condition.</param>
    /// <param name="flushPicoseconds">The time every live gatherer needs to send the events it holds (0: no gatherers).</param>
    public Runner(Simulation simulation, IEnumerable<CoreLocation> computeCores, bool hasServices, long pollPicoseconds, long flushPicoseconds)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(computeCores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pollPicoseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(flushPicoseconds);
        _simulation = simulation;
        _computeCores = [.. computeCores];
        _hasServices = hasServices;
        PollPicoseconds = pollPicoseconds;
        FlushPicoseconds = flushPicoseconds;
    }

    /// <summary>
    /// The longest simulated time between evaluations of a <see cref="RunUntil"/> condition:
    /// the simulator evaluates it whenever the host may see something new (a message, a core
    /// done), and a host action every this long catches conditions on anything else.
    /// </summary>
    public long PollPicoseconds { get; }

    /// <summary>
    /// The time every live gatherer needs to send the events it holds once nothing more reaches
    /// it (its flush period and the timer callback's dispatch); 0 when there is no gatherer.
    /// </summary>
    public long FlushPicoseconds { get; }

    /// <summary>Whether every compute core has called Done.</summary>
    public bool ComputeCoresDone
    {
        get
        {
            // Cores only become done, so the scan resumes where it stopped.
            while (_firstNotDone < _computeCores.Length && _simulation.IsDone(_computeCores[_firstNotDone]))
            {
                _firstNotDone++;
            }

            return _firstNotDone == _computeCores.Length;
        }
    }

    /// <summary>Runs for <paramref name="picoseconds"/> of simulated time, or until the host stops it.</summary>
    public RunResult RunFor(long picoseconds)
    {
        var start = _simulation.Now;
        return new RunResult(From(_simulation.Run(picoseconds)), start, _simulation.Now);
    }

    /// <summary>
    /// Runs until every compute core is done and its output has arrived (at its cores, and at
    /// the host through the live gatherers), at most <paramref name="limitPicoseconds"/> (the
    /// drains after it are bounded by the cost model's drain limit), or until the host stops it.
    /// </summary>
    public RunResult RunUntilDone(long limitPicoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitPicoseconds);
        var start = _simulation.Now;
        if (!_hasServices)
        {
            return new RunResult(From(_simulation.RunUntilDone(limitPicoseconds)), start, _simulation.Now);
        }

        var outcome = _simulation.RunUntilDone(_computeCores, limitPicoseconds);
        if (outcome != RunOutcome.AllCoresDone || FlushPicoseconds == 0)
        {
            return new RunResult(From(outcome), start, _simulation.Now);
        }

        if (_simulation.Run(FlushPicoseconds) == RunOutcome.StoppedByHost)
        {
            return new RunResult(RunEnd.StoppedByHost, start, _simulation.Now);
        }

        // The compute cores are done already: this only drains the gatherers' messages.
        var delivered = _simulation.RunUntilDone(_computeCores, _simulation.Cost.DrainLimitPicoseconds);
        return new RunResult(delivered == RunOutcome.StoppedByHost ? RunEnd.StoppedByHost : RunEnd.AllCoresDone, start, _simulation.Now);
    }

    /// <summary>
    /// Runs until <paramref name="condition"/> holds, at most <paramref name="limitPicoseconds"/>,
    /// or until the host stops it. The condition is evaluated at the start, whenever the host
    /// may see something new (a message reaches it, a core is done), and at least every
    /// <see cref="PollPicoseconds"/>; the run ends right there.
    /// </summary>
    public RunResult RunUntil(Func<bool> condition, long limitPicoseconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentOutOfRangeException.ThrowIfNegative(limitPicoseconds);
        var start = _simulation.Now;
        HostAction? poll = null;
        void Poll() => poll = _simulation.ScheduleHostAction(_simulation.Now + PollPicoseconds, Poll);
        Poll();
        try
        {
            return new RunResult(From(_simulation.RunUntil(condition, limitPicoseconds)), start, _simulation.Now);
        }
        finally
        {
            poll?.Cancel();
        }
    }

    private static RunEnd From(RunOutcome outcome) => outcome switch
    {
        RunOutcome.TimeElapsed => RunEnd.TimeElapsed,
        RunOutcome.AllCoresDone => RunEnd.AllCoresDone,
        RunOutcome.StoppedByHost => RunEnd.StoppedByHost,
        RunOutcome.ConditionMet => RunEnd.HostConditionMet,
        _ => RunEnd.Idle,
    };
}
