using SpiNNaker.Toolchain.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Planning;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// What weight and sum cores share: the packet handler's work ring and the worker that
/// drains it, resumable send jobs, the walk through the run's phases with the update at each
/// training batch's end, and the batch-end gradient combination of a group (conv tiles,
/// replicas; docs/mapping-blocked.md, sections 5-7).
/// </summary>
/// <remarks>
/// A worker callback sends at most <see cref="SendsPerCallback"/> packets, then continues in a
/// new callback: the simulator decides whether a packet can go straight to the router when
/// the callback starts, so a long paced loop in one callback would overflow the 17-entry send
/// queue whenever the router was busy at that moment. Only one send job runs at a time, and
/// work items wait until it has finished, so a job's scratch buffers stay its own.
/// </remarks>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal abstract class BlockCore<T, TAcc, TOps> : CoreApplication
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    /// <summary>Packets one worker callback may send before it yields.</summary>
    public const int SendsPerCallback = 8;

    protected const int WorkStart = 0;
    protected const int WorkReduceArrived = 1;
    protected const int WorkSendReduce = 2;
    protected const int WorkCombine = 3;
    protected const int FirstOwnWork = 8;

    protected const int NoJob = 0;
    protected const int JobReduce = 1;
    protected const int JobCombine = 2;
    protected const int FirstOwnJob = 8;

    private bool _reductionStarted;
    private bool _reductionDone;
    private bool _leaderOwnReady;
    private int _reduceReceived;
    private int _reducedReceived;
    private int _reduceChannel = -1;
    private int _reducedChannel = -1;

    protected ICoreContext Context { get; private set; } = null!;

    protected ArithmeticCosts Costs { get; private set; } = null!;

    protected WorkRing Work { get; private set; } = null!;

    protected IncomingKeyTable Keys { get; private set; } = null!;

    protected OutgoingChannels Out { get; private set; } = null!;

    protected PhaseCursor Cursor;

    protected int Slots { get; private set; }

    protected bool Training { get; private set; }

    protected float LearningRate { get; private set; }

    protected int RowsPerExample { get; private set; }

    protected int MemberIndex { get; set; }

    protected int MemberCount { get; set; }

    /// <summary>The trained values the group combines: a weight block, or a sum core's biases.</summary>
    protected T[] Trained { get; set; } = null!;

    /// <summary>Their gradient accumulators.</summary>
    protected TAcc[] Gradient { get; set; } = null!;

    /// <summary>Slots whose forward pass waits for this core's batch-end update.</summary>
    protected ulong Parked { get; set; }

    /// <summary>The running send job (0: none), its slot and its cursors.</summary>
    protected int Job;
    protected int JobSlot;
    protected int JobIndex;
    protected int JobChannel;

    /// <summary>The update rate of the batch being closed.</summary>
    protected long UpdateRate { get; private set; }

    /// <summary>Whether a batch-end combination has started and not finished: forward passes must wait.</summary>
    protected bool AwaitingUpdate => _reductionStarted && !_reductionDone;

    /// <summary>Cycles this core spent waiting for TDMA slots (a host-side diagnostic, not machine state).</summary>
    public long PacingWaitCycles => Out?.WaitCycles ?? 0;

    /// <summary>Sends this core had to retry because its send queue was full (a host-side diagnostic).</summary>
    public long RefusedSends => Out?.Refused ?? 0;

    /// <summary>DTCM the core's vertex declared but its program did not allocate once started (a host-side diagnostic: 0 when the declaration is exact).</summary>
    public int UnallocatedDtcmBytes { get; private set; }

    /// <summary>A DTCM copy of the core's parameter region (read once at start).</summary>
    protected static byte[] ReadParameters(ICoreContext context)
    {
        var region = context.GetSdramRegion(RegionIds.Parameters);
        var bytes = new byte[region.Length];
        context.ReadSdram<byte>(region, 0, bytes);
        return bytes;
    }

    /// <summary>Reads the shared header: magic, format, slots, sequence, learning rate, rows per example.</summary>
    protected void ReadHeader(ICoreContext context, ref DataRegionReader reader, uint magic)
    {
        Context = context;
        Costs = context.Cost.Arithmetic(TOps.Format);
        if (reader.UInt() != magic)
        {
            throw new InvalidDataException($"core {context.Location}: the parameter region does not belong to a {GetType().Name}");
        }

        var format = reader.Int();
        if (format != (int)TOps.Format)
        {
            throw new InvalidDataException($"core {context.Location}: the parameters are for number format {(NumberFormat)format}, the core runs {TOps.Format}");
        }

        Slots = reader.Int();
        var sequence = RunSequence.Read(ref reader);
        Cursor = new PhaseCursor(sequence);
        Training = sequence.Training;
        LearningRate = reader.Float();
        RowsPerExample = reader.Int();
    }

    /// <summary>Reads the key tables, allocates the ring and registers the callbacks; the worker then starts.</summary>
    protected void ReadKeysAndStart(ref DataRegionReader reader)
    {
        Keys = IncomingKeyTable.Read(ref reader, Context, Slots);
        Out = OutgoingChannels.Read(ref reader, Context);
        for (var c = 0; c < Out.Count; c++)
        {
            switch (Out.KindOf(c))
            {
                case FlowKind.Reduce:
                    _reduceChannel = c;
                    break;
                case FlowKind.Reduced:
                    _reducedChannel = c;
                    break;
            }
        }

        Work = new WorkRing(Context, (4 * Slots) + 8);
        Context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.Fiq);
        Context.RegisterCallback(CallbackEvent.UserEvent, CallbackPriority.FirstQueued);
        Work.Add(Context, WorkStart, 0);
        UnallocatedDtcmBytes = Context.DtcmFreeBytes;
    }

    /// <inheritdoc/>
    public sealed override void OnMulticastPacketWithPayload(uint key, uint payload)
    {
        var context = Context;
        context.ChargeCycles(Keys.SearchCycles + HandlerCosts.Store);
        if (!Keys.TryDecode(key, out var kind, out var slot, out var local))
        {
            throw new InvalidOperationException($"core {context.Location}: no incoming partition holds key 0x{key:X8}");
        }

        var value = TOps.FromPayload(payload);
        switch (kind)
        {
            case FlowKind.Reduce:
                // A member's gradient: the leader adds it to its own.
                context.ChargeCycles(Costs.Add);
                Gradient[local] = TOps.AddAccumulators(Gradient[local], TOps.Widen(value));
                if (++_reduceReceived == (MemberCount - 1) * Trained.Length && _leaderOwnReady)
                {
                    Work.Add(context, WorkCombine, 0);
                }

                break;
            case FlowKind.Reduced:
                // The group's sum: a member applies it as it arrives.
                context.ChargeCycles(Costs.MultiplyAccumulate);
                Trained[local] = TOps.Update(Trained[local], value, UpdateRate);
                if (++_reducedReceived == Trained.Length)
                {
                    _reducedReceived = 0;
                    Work.Add(context, WorkReduceArrived, 0);
                }

                break;
            default:
                OnValue(kind, slot, local, value);
                break;
        }
    }

    /// <summary>A packet of <paramref name="kind"/> for slot <paramref name="slot"/> and local position <paramref name="local"/> (interrupt context: store, count, queue work).</summary>
    protected abstract void OnValue(FlowKind kind, int slot, int local, T value);

    /// <inheritdoc/>
    public sealed override void OnUserEvent(uint argument0, uint argument1)
    {
        var context = Context;
        Work.WorkerStarted();
        var budget = SendsPerCallback;
        while (true)
        {
            if (Job != NoJob)
            {
                RunJob(ref budget);
                if (Job != NoJob)
                {
                    // Out of sends: continue in a new callback, after this one's time.
                    Work.Reschedule(context);
                    return;
                }

                continue;
            }

            if (!Work.TryTake(context, out var kind, out var slot))
            {
                return;
            }

            switch (kind)
            {
                case WorkStart:
                    Advance();
                    break;
                case WorkReduceArrived:
                    _reductionDone = true;
                    Advance();
                    break;
                case WorkSendReduce:
                    StartJob(JobReduce, 0);
                    break;
                case WorkCombine:
                    StartJob(JobCombine, 0);
                    break;
                default:
                    OnWork(kind, slot);
                    break;
            }
        }
    }

    /// <summary>Runs a work item of the subclass (it may start a send job).</summary>
    protected abstract void OnWork(int kind, int slot);

    /// <summary>Starts a send job.</summary>
    protected void StartJob(int job, int slot)
    {
        Job = job;
        JobSlot = slot;
        JobIndex = 0;
        JobChannel = 0;
    }

    private void RunJob(ref int budget)
    {
        switch (Job)
        {
            case JobReduce:
                while (budget > 0 && JobIndex < Trained.Length)
                {
                    if (!Out.Send(Context, _reduceChannel, 0, JobIndex, TOps.ToPayload(TOps.Round(Gradient[JobIndex]))))
                    {
                        budget = 0;
                        break;
                    }

                    JobIndex++;
                    budget--;
                }

                if (JobIndex == Trained.Length)
                {
                    Job = NoJob;
                    Gradient.AsSpan().Clear();
                    Context.ChargeCycles((long)Trained.Length * HandlerCosts.LoopStep);
                }

                break;
            case JobCombine:
                // The leader sends the group's sum and applies exactly the values it sends, as every member does.
                while (budget > 0 && JobIndex < Trained.Length)
                {
                    var g = TOps.Round(Gradient[JobIndex]);
                    if (!Out.Send(Context, _reducedChannel, 0, JobIndex, TOps.ToPayload(g)))
                    {
                        budget = 0;
                        break;
                    }

                    Trained[JobIndex] = TOps.Update(Trained[JobIndex], g, UpdateRate);
                    Context.ChargeCycles(Costs.MultiplyAccumulate);
                    JobIndex++;
                    budget--;
                }

                if (JobIndex == Trained.Length)
                {
                    Job = NoJob;
                    Gradient.AsSpan().Clear();
                    _reduceReceived = 0;
                    _leaderOwnReady = false;
                    _reductionDone = true;
                    Advance();
                }

                break;
            default:
                RunOwnJob(ref budget);
                break;
        }
    }

    /// <summary>Continues the subclass's running job, sending at most <paramref name="budget"/> packets (decrement it per send); set <see cref="Job"/> to 0 when done.</summary>
    protected abstract void RunOwnJob(ref int budget);

    /// <summary>
    /// Sends the values of every channel of <paramref name="kind"/> for the job's slot,
    /// round-robin over the channels (each has its own TDMA slots), resuming at the job's
    /// cursors; true when all are sent.
    /// </summary>
    protected bool SendRoundRobin(FlowKind kind, ReadOnlySpan<T> values, ref int budget)
    {
        while (budget > 0)
        {
            var sentAny = false;
            for (; JobChannel < Out.Count && budget > 0; JobChannel++)
            {
                if (Out.KindOf(JobChannel) != kind || JobIndex >= Out.SourceCount(JobChannel))
                {
                    continue;
                }

                if (!Out.Send(Context, JobChannel, JobSlot, JobIndex, TOps.ToPayload(values[Out.Source(JobChannel, JobIndex)])))
                {
                    budget = 0;
                    return false; // the send queue is full: this channel again in the next callback
                }

                budget--;
                sentAny = true;
            }

            if (JobChannel < Out.Count)
            {
                return false; // out of budget in the middle of a round
            }

            JobChannel = 0;
            if (!sentAny && !AnyLeft(kind))
            {
                return true;
            }

            JobIndex++;
        }

        return !AnyLeft(kind);
    }

    private bool AnyLeft(FlowKind kind)
    {
        for (var c = 0; c < Out.Count; c++)
        {
            if (Out.KindOf(c) == kind && JobIndex < Out.SourceCount(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An example finished on this core: count it and move on through the phases.</summary>
    protected void CompleteExample()
    {
        Context.ChargeCycles(HandlerCosts.Completion);
        Cursor.Done++;
        Advance();
    }

    /// <summary>
    /// Moves through finished phases, updating at each training batch's end (alone, or through
    /// the group), then lets the subclass resume parked work or start examples.
    /// </summary>
    protected void Advance()
    {
        while (!Cursor.Finished && Cursor.Complete)
        {
            if (Cursor.IsTraining)
            {
                if (!_reductionStarted)
                {
                    UpdateRate = TOps.UpdateRate(LearningRate, Cursor.Sequence.PhaseExamples(Cursor.Phase) * RowsPerExample);
                    Context.ChargeCycles(Costs.Divide);
                }

                if (MemberCount == 1)
                {
                    ApplyOwnUpdate();
                }
                else
                {
                    if (!_reductionStarted)
                    {
                        _reductionStarted = true;
                        _reductionDone = false;
                        StartReduction();
                    }

                    if (!_reductionDone)
                    {
                        return;
                    }

                    _reductionStarted = false;
                    _reductionDone = false;
                }
            }

            OnPhaseEnd();
            Cursor.Next();
        }

        if (Cursor.Finished)
        {
            Finish();
            return;
        }

        while (Parked != 0)
        {
            var slot = System.Numerics.BitOperations.TrailingZeroCount(Parked);
            Parked &= Parked - 1;
            RequeueParked(slot);
        }

        OnAdvanced();
    }

    /// <summary>
    /// First layer: reads the next examples' rows into their slots (<paramref name="inputs"/>,
    /// a row per slot) while the slots are free, and queues <paramref name="workForward"/> for each.
    /// </summary>
    protected void StartExamples(PreloadedRows<T, TAcc, TOps> rows, T[] inputs, bool[] slotBusy, int workForward)
    {
        var context = Context;
        var rowValues = rows.RowValues;
        while (!Cursor.Finished && Cursor.Started < Cursor.Share && !AwaitingUpdate)
        {
            var slot = (int)(rows.SequencePosition % Slots);
            if (slotBusy[slot])
            {
                return;
            }

            rows.ReadNext(context, inputs.AsSpan(slot * rowValues, rowValues));
            slotBusy[slot] = true;
            Cursor.Started++;
            Work.Add(context, workForward, slot);
        }
    }

    /// <summary>A phase ended (after its update): the output cores report it.</summary>
    protected virtual void OnPhaseEnd()
    {
    }

    /// <summary>Every phase is done: the trained weights (or biases) go back to SDRAM and the core stops.</summary>
    private void Finish()
    {
        Context.WriteSdram<T>(Context.GetSdramRegion(RegionIds.Weights), 0, Trained);
        Context.Done();
    }

    /// <summary>Queues the forward pass of a parked slot again.</summary>
    protected abstract void RequeueParked(int slot);

    /// <summary>After moving on: the first layer starts examples.</summary>
    protected virtual void OnAdvanced()
    {
    }

    private void ApplyOwnUpdate()
    {
        for (var i = 0; i < Trained.Length; i++)
        {
            Trained[i] = TOps.Update(Trained[i], TOps.Round(Gradient[i]), UpdateRate);
        }

        Gradient.AsSpan().Clear();
        Context.ChargeCycles((long)Trained.Length * (Costs.MultiplyAccumulate + Costs.Add + HandlerCosts.LoopStep));
    }

    private void StartReduction()
    {
        if (MemberIndex == 0)
        {
            _leaderOwnReady = true;
            if (_reduceReceived == (MemberCount - 1) * Trained.Length)
            {
                Work.Add(Context, WorkCombine, 0);
            }

            return;
        }

        Work.Add(Context, WorkSendReduce, 0);
    }
}
