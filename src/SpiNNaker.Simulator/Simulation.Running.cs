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

    // What the current run waits for, and when it ends at the latest.
    private RunMode _mode;
    private Func<bool>? _condition;
    private int _awaitedNotDone;
    private long _end;

    // The cores a run-until-done waits for are done; it goes on until the network is quiet.
    private bool _draining;

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
    /// Runs until every loaded core is done (<see cref="IsDone"/>) and what they sent has
    /// arrived, at most <paramref name="timeLimitPicoseconds"/> more, or until <see cref="Stop"/>;
    /// returns <see cref="RunOutcome.Idle"/> when nothing is left to happen first (a deadlock
    /// rather than a hang). Once the cores are done the run goes on until the network is quiet
    /// (<see cref="IsQuiet"/>), for at most <see cref="CostModel.DrainLimitPicoseconds"/> (also
    /// past the time limit, which bounds the wait for the cores), and then returns
    /// <see cref="RunOutcome.AllCoresDone"/> (also when the drain limit cuts the drain short).
    /// </summary>
    public RunOutcome RunUntilDone(long timeLimitPicoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeLimitPicoseconds);
        return RunLoop(checked(Now + timeLimitPicoseconds), RunMode.AllCoresDone);
    }

    /// <summary>
    /// Runs until every core of <paramref name="cores"/> is done (the others, such as live I/O
    /// cores that never finish, keep running) and what was sent has arrived, at most
    /// <paramref name="timeLimitPicoseconds"/> more, or until <see cref="Stop"/>. Once the last
    /// of them is done (the callback that called Done has ended and its send queue is empty)
    /// the run goes on until the network is quiet (<see cref="IsQuiet"/>), for at most
    /// <see cref="CostModel.DrainLimitPicoseconds"/> (also past the time limit, which bounds the
    /// wait for the cores), and ends in the event that made it quiet,
    /// returning <see cref="RunOutcome.AllCoresDone"/> (at once when they all are done already
    /// and nothing is in flight, or the set is empty); <see cref="RunOutcome.Idle"/> when nothing
    /// is left to happen before they are done.
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

        _awaitedNotDone = awaited.Count(c => !c.Cold.Finished);
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
        _draining = false;
        _mode = mode;
        _end = end;
        try
        {
            StartNewCores();
            if (Finished() is { } first)
            {
                return first;
            }

            // A drain may have brought the end forward.
            end = _end;
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

                            end = _end;
                        }

                        limit = Math.Min(end, NextHostActionTime());
                        continue;
                    }

                    if (_draining)
                    {
                        // The cores are done; the drain ends at its limit, or when nothing is left to happen.
                        if (queue.Count > 0 || _pendingHostActions > 0)
                        {
                            Now = end;
                        }

                        return RunOutcome.AllCoresDone;
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

                    // A host callback may have scheduled an action earlier than the current
                    // limit, and a drain may have brought the end forward.
                    end = _end;
                    limit = Math.Min(end, NextHostActionTime());
                }
            }
        }
        finally
        {
            _running = false;
            _draining = false;
            _mode = RunMode.Time;
        }
    }

    /// <summary>Whether the run ends here, and why: a stop first, then what the run waits for.</summary>
    private RunOutcome? Finished()
    {
        if (_finishing.Count > 0)
        {
            ScheduleFinishes();
        }

        if (_stopRequested)
        {
            return RunOutcome.StoppedByHost;
        }

        return _mode switch
        {
            RunMode.AllCoresDone when AllCoresDone => Drained(),
            RunMode.AwaitedCoresDone when _awaitedNotDone == 0 => Drained(),
            RunMode.Condition when _condition!() => RunOutcome.ConditionMet,
            _ => null,
        };
    }

    /// <summary>
    /// The cores the run waits for are done: it ends once nothing is in flight, looking again
    /// after every event, for at most the cost model's drain limit (which may take it past the
    /// run's own limit: that bounds the wait for the cores, the drain is part of being done).
    /// </summary>
    private RunOutcome? Drained()
    {
        if (!_draining)
        {
            _draining = true;
            _end = Now + Cost.DrainLimitPicoseconds;
        }

        if (IsQuiet)
        {
            return RunOutcome.AllCoresDone;
        }

        _exitCheck = true;
        return null;
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
