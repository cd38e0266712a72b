using System.Runtime.CompilerServices;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// Running: for a time, until cores are done, until a host condition holds; host actions at
/// scheduled times; the engine loop itself.
/// </summary>
public sealed partial class Simulation
{
    private readonly PriorityQueue<HostAction, (long Time, long Sequence)> _hostActions = new();
    private long _hostActionSequence;
    private int _pendingHostActions;

    // What the current run waits for.
    private RunMode _mode;
    private Func<bool>? _condition;
    private int _awaitedNotDone;

    private enum RunMode
    {
        Time,
        AllCoresDone,
        AwaitedCoresDone,
        Condition,
    }

    /// <summary>
    /// Runs for <paramref name="durationPicoseconds"/> of simulated time (or until
    /// <see cref="Stop"/>): events in [now, now + duration) happen; one at exactly the end
    /// belongs to the next run.
    /// </summary>
    public RunOutcome Run(long durationPicoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationPicoseconds);
        return RunLoop(checked(Now + durationPicoseconds), RunMode.Time);
    }

    /// <summary>
    /// Runs until every loaded core has called Done, at most <paramref name="timeLimitPicoseconds"/>
    /// more, or until <see cref="Stop"/>; returns <see cref="RunOutcome.Idle"/> when nothing is
    /// left to happen first (a deadlock rather than a hang).
    /// </summary>
    public RunOutcome RunUntilDone(long timeLimitPicoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeLimitPicoseconds);
        return RunLoop(checked(Now + timeLimitPicoseconds), RunMode.AllCoresDone);
    }

    /// <summary>
    /// Runs until every core of <paramref name="cores"/> has called Done (the others, such as
    /// live I/O cores that never finish, keep running), at most <paramref name="timeLimitPicoseconds"/>
    /// more, or until <see cref="Stop"/>. The run ends right after the event in which the last
    /// of them called Done, and returns <see cref="RunOutcome.AllCoresDone"/> (at once when they
    /// all are already, or the set is empty); <see cref="RunOutcome.Idle"/> when nothing is left
    /// to happen first.
    /// </summary>
    /// <exception cref="ArgumentException">A core has no application loaded.</exception>
    public RunOutcome RunUntilDone(IEnumerable<CoreLocation> cores, long timeLimitPicoseconds)
    {
        ArgumentNullException.ThrowIfNull(cores);
        ArgumentOutOfRangeException.ThrowIfNegative(timeLimitPicoseconds);
        ThrowIfRunning();
        var awaited = cores.Select(Core).Distinct().ToList();
        foreach (var core in awaited)
        {
            core.Cold.Awaited = true;
        }

        _awaitedNotDone = awaited.Count(c => !c.IsDone);
        try
        {
            return RunLoop(checked(Now + timeLimitPicoseconds), RunMode.AwaitedCoresDone);
        }
        finally
        {
            foreach (var core in awaited)
            {
                core.Cold.Awaited = false;
            }
        }
    }

    /// <summary>
    /// Runs until <paramref name="condition"/> holds (<see cref="RunOutcome.ConditionMet"/>), at
    /// most <paramref name="timeLimitPicoseconds"/> more, or until <see cref="Stop"/>; returns
    /// <see cref="RunOutcome.Idle"/> when nothing is left to happen first. The condition is
    /// host code and is evaluated between events, whenever the host may see something new: at
    /// the start, after every message delivered to the host (<see cref="HostReceiver"/>), every
    /// core calling Done, and every <see cref="HostAction"/>. A condition on anything else (an
    /// SDRAM region, say) is re-evaluated by scheduling host actions at the wanted interval.
    /// </summary>
    public RunOutcome RunUntil(Func<bool> condition, long timeLimitPicoseconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentOutOfRangeException.ThrowIfNegative(timeLimitPicoseconds);
        ThrowIfRunning();
        _condition = condition;
        try
        {
            return RunLoop(checked(Now + timeLimitPicoseconds), RunMode.Condition);
        }
        finally
        {
            _condition = null;
        }
    }

    /// <summary>
    /// Asks the running simulation to stop after the current event or host action (from a host
    /// callback: <see cref="HostReceiver"/>, a <see cref="HostAction"/>, a run condition).
    /// </summary>
    public void Stop()
    {
        _stopRequested = true;
        _exitCheck = true;
    }

    /// <summary>
    /// Schedules <paramref name="action"/> to run on the host at simulated time
    /// <paramref name="timePicoseconds"/> (not before now), within whichever run reaches that
    /// time: between events, before every event of that time, in the order actions were
    /// scheduled. Nothing is stepped: runs jump from event to event as before. Pending actions
    /// carry over between runs; <see cref="Reset"/> drops them.
    /// </summary>
    /// <returns>The scheduled action, which can be cancelled.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is before now.</exception>
    public HostAction ScheduleHostAction(long timePicoseconds, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (timePicoseconds < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(timePicoseconds), timePicoseconds, $"a host action cannot be scheduled before now ({Now} ps)");
        }

        var scheduled = new HostAction(timePicoseconds, _hostActionSequence++, action) { Owner = this };
        _hostActions.Enqueue(scheduled, (timePicoseconds, scheduled.Sequence));
        _pendingHostActions++;

        // Scheduled from a host callback inside a run: the run loop looks at its next action again.
        _exitCheck = true;
        return scheduled;
    }

    /// <summary>A scheduled host action was cancelled.</summary>
    internal void ForgetHostAction() => _pendingHostActions--;

    /// <summary>The time of the next pending host action, or long.MaxValue (cancelled ones are dropped here).</summary>
    private long NextHostActionTime()
    {
        while (_hostActions.TryPeek(out var next, out _))
        {
            if (next.IsPending)
            {
                return next.Time;
            }

            _hostActions.Dequeue();
        }

        return long.MaxValue;
    }

    private void ClearHostActions()
    {
        while (_hostActions.TryDequeue(out var action, out _))
        {
            action.IsPending = false;
            action.Owner = null;
        }

        _pendingHostActions = 0;
    }

    /// <summary>
    /// The engine: pops events in (time, scheduling) order and runs them, with host actions
    /// run when the next event is not before them. The only check per event besides the pop
    /// is one flag, set by whatever may end the run (a stop, a core calling Done, a message
    /// reaching the host); fully optimised at once because it is entered once per run and
    /// would otherwise run as on-stack-replaced tier-0 code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RunOutcome RunLoop(long end, RunMode mode)
    {
        ThrowIfRunning();
        _running = true;
        _stopRequested = false;
        _exitCheck = false;
        _mode = mode;
        try
        {
            StartNewCores();
            if (Finished() is { } first)
            {
                return first;
            }

            var queue = _queue;
            var counts = _eventsByKind;
            var limit = Math.Min(end, NextHostActionTime());
            while (true)
            {
                var node = queue.TryTake(limit);
                if (node < 0)
                {
                    if (limit < end)
                    {
                        // Nothing happens before the next host action: run it (unless it was cancelled).
                        if (NextHostActionTime() == limit)
                        {
                            RunHostAction();
                            _exitCheck = false;
                            if (Finished() is { } afterAction)
                            {
                                return afterAction;
                            }
                        }

                        limit = Math.Min(end, NextHostActionTime());
                        continue;
                    }

                    if (mode != RunMode.Time && queue.Count == 0 && _pendingHostActions == 0)
                    {
                        return RunOutcome.Idle;
                    }

                    Now = end;
                    return RunOutcome.TimeElapsed;
                }

                // A push during the event may move the node array; the reference keeps reading
                // the old one, whose copy of this (taken, not yet released) node stays intact.
                ref var e = ref queue.Node(node);
                Now = e.Time;
                counts[(int)e.Kind]++;
                Dispatch(ref e);
                queue.Release(node);
                if (_exitCheck)
                {
                    _exitCheck = false;
                    if (Finished() is { } outcome)
                    {
                        return outcome;
                    }

                    // A host callback may have scheduled an action earlier than the current limit.
                    limit = Math.Min(end, NextHostActionTime());
                }
            }
        }
        finally
        {
            _running = false;
            _mode = RunMode.Time;
        }
    }

    /// <summary>Whether the run ends here, and why: a stop first, then what the run waits for.</summary>
    private RunOutcome? Finished()
    {
        if (_stopRequested)
        {
            return RunOutcome.StoppedByHost;
        }

        return _mode switch
        {
            RunMode.AllCoresDone when AllCoresDone => RunOutcome.AllCoresDone,
            RunMode.AwaitedCoresDone when _awaitedNotDone == 0 => RunOutcome.AllCoresDone,
            RunMode.Condition when _condition!() => RunOutcome.ConditionMet,
            _ => null,
        };
    }

    private void RunHostAction()
    {
        var action = _hostActions.Dequeue();
        action.IsPending = false;
        action.Owner = null;
        _pendingHostActions--;
        Now = action.Time;
        action.Callback();
    }
}
