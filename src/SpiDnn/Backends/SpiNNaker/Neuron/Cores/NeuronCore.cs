using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// What every core of the neuron mapping shares, as the seed's <c>spiDNN.h</c> did: the
/// callback set-up (multicast packets as the fast interrupt, timer ticks and the send retry
/// queued), float payloads bit-cast into 32-bit words, the send loop that waits when the
/// communications controller is full (the seed's <c>while (!spin1_send_mc_packet(...))
/// spin1_delay_us(1)</c>), the optional delay between the packets of a multi-packet send
/// loop, the status region, and finishing only once every packet has left.
/// </summary>
/// <remarks>
/// The core's scalar variables (counters, keys, flags) are C# fields; the C program would keep
/// them as globals in DTCM, so <see cref="Start"/> reserves <see cref="GlobalsBytes"/> of DTCM
/// for them. Arrays come from <see cref="ICoreContext.AllocateDtcm{T}"/>.
/// </remarks>
internal abstract class NeuronCore : CoreApplication
{
    /// <summary>DTCM reserved for a core's scalar globals: 512 bytes (assumed; ~100 words of state).</summary>
    public const int GlobalsBytes = 512;

    /// <summary>
    /// Integer work to classify a packet by its key and count it (subtract, compare, branch,
    /// index, store): 8 cycles. Assumed (single-cycle ARM integer instructions, SPINNAKER-FACTS.md).
    /// </summary>
    protected const int KeyDecodeCycles = 8;

    /// <summary>Cycles of <c>spin1_delay_us(1)</c> at 200 MHz: the wait before retrying a refused send.</summary>
    protected const int RetryDelayCycles = 200;

    /// <summary>Integer work per element of a loop that resets counters or flags: 1 cycle (a store).</summary>
    protected const int ResetCyclesPerElement = 1;

    private uint[] _queueKeys = [];
    private uint[] _queuePayloads = [];
    private int[] _queueCounts = [];
    private uint[] _queueSpacing = [];
    private int _queueHead;
    private int _queueCount;
    private int _streamCursor;
    private int _streamComputed = -1;
    private bool _finishing;
    private bool _done;
    private SdramRegion? _status;
    private uint[] _statusWords = [];
    private uint[] _statusWritten = [];

    /// <summary>The core's only door to the machine.</summary>
    protected ICoreContext Core { get; private set; } = null!;

    /// <summary>Cycle costs of software floating point (the seed used C <c>float</c>).</summary>
    protected ArithmeticCosts Float { get; private set; } = null!;

    /// <summary>What the core waits for now (reported in the status region).</summary>
    protected CoreStage Stage { get; set; }

    /// <summary>The example the core works on, counted from 0 over the whole run.</summary>
    protected uint Example { get; set; }

    /// <summary>Packets the current stage needs.</summary>
    protected uint Expected { get; set; }

    /// <summary>Packets of the current stage received so far.</summary>
    protected uint Received { get; set; }

    /// <summary>Packets that matched no key the core expects (counted, otherwise ignored).</summary>
    protected uint Unexpected { get; set; }

    /// <summary>
    /// Sets the core up: keeps the context, reserves the globals, allocates the status region
    /// and registers the callbacks. Call first from <see cref="CoreApplication.OnStart"/>, then
    /// read the parameters and call <see cref="CreateSendQueue"/>.
    /// </summary>
    protected void Start(ICoreContext core)
    {
        Core = core;
        Float = core.Cost.FloatArithmetic;
        core.AllocateDtcm<byte>(GlobalsBytes);
        _statusWords = core.AllocateDtcm<uint>(CoreStatus.Words);
        _statusWritten = core.AllocateDtcm<uint>(CoreStatus.Words);
        _status = CoreStatus.Allocate(core);
        core.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, CallbackPriority.Fiq);
        core.RegisterCallback(CallbackEvent.UserEvent, CallbackPriority.FirstQueued);
        core.RegisterCallback(CallbackEvent.SdpMessage, CallbackPriority.FirstQueued);
        core.RegisterCallback(CallbackEvent.TimerTick, CallbackPriority.LastQueued);
    }

    /// <summary>
    /// Reserves the queue of sends waiting for the communications controller. An entry is one
    /// packet, or a stream of packets on one key whose payloads <see cref="StreamPayload"/>
    /// computes when each leaves (so a long loop such as a kernel-gradient exchange needs no
    /// buffer of its own).
    /// </summary>
    /// <param name="capacity">The most entries waiting at once.</param>
    protected void CreateSendQueue(int capacity)
    {
        capacity = Math.Max(1, capacity);
        _queueKeys = Core.AllocateDtcm<uint>(capacity);
        _queuePayloads = Core.AllocateDtcm<uint>(capacity);
        _queueCounts = Core.AllocateDtcm<int>(capacity);
        _queueSpacing = Core.AllocateDtcm<uint>(capacity);
    }

    /// <summary>Reads a whole parameter region into a DTCM copy, as <c>sark_mem_cpy</c> from SDRAM (charged per word).</summary>
    protected uint[] ReadWords(int regionId)
    {
        var region = Core.GetSdramRegion(regionId);
        var words = Core.AllocateDtcm<uint>(region.Length / sizeof(uint));
        Core.ReadSdram<uint>(region, 0, words);
        return words;
    }

    /// <summary>Reads a region of floats into a DTCM array.</summary>
    protected float[] ReadFloats(int regionId, int count)
    {
        var region = Core.GetSdramRegion(regionId);
        if (region.Length < count * sizeof(float))
        {
            throw new InvalidOperationException($"core {Core.Location}: region {regionId} holds {region.Length} bytes, fewer than {count} floats");
        }
        var values = Core.AllocateDtcm<float>(count);
        Core.ReadSdram<float>(region, 0, values);
        return values;
    }

    /// <summary>
    /// Sends <paramref name="value"/> with <paramref name="key"/>; when the communications
    /// controller is full the packet waits in the core's queue and is retried every
    /// microsecond. Packets always leave in the order posted.
    /// </summary>
    protected void Post(uint key, float value) => Enqueue(key, BitConverter.SingleToUInt32Bits(value), 0, 0);

    /// <summary>Sends a packet whose payload is already a 32-bit word, as <see cref="Post"/>.</summary>
    protected void PostRaw(uint key, uint payload) => Enqueue(key, payload, 0, 0);

    /// <summary>
    /// Posts one packet of a multi-packet send loop: after it leaves, the loop's delay of
    /// <paramref name="spacingCycles"/> is spent (the seed's <c>spin1_delay_us</c>).
    /// </summary>
    protected void PostSpaced(uint key, float value, uint spacingCycles) => Enqueue(key, BitConverter.SingleToUInt32Bits(value), 0, spacingCycles);

    /// <summary>
    /// Posts a send loop of <paramref name="count"/> packets on <paramref name="key"/>, spaced
    /// like <see cref="PostSpaced"/>, whose payload i is <see cref="StreamPayload"/>(i),
    /// computed as the packet leaves: the values it reads must stay unchanged until then.
    /// </summary>
    protected void PostStream(uint key, int count, uint spacingCycles)
    {
        if (count > 0)
        {
            Enqueue(key, 0, count, spacingCycles);
        }
    }

    /// <summary>The payload of packet <paramref name="index"/> of the stream being sent (charge its arithmetic).</summary>
    protected virtual float StreamPayload(int index) =>
        throw new InvalidOperationException($"core {Core.Location} posted a stream but computes no stream payloads");

    /// <summary>
    /// Ends the core's work: writes the final status and tells the host it is done once every
    /// posted packet has been handed to the router.
    /// </summary>
    protected void Finish()
    {
        Stage = CoreStage.Finished;
        Expected = 0;
        Received = 0;
        _finishing = true;
        WriteStatus();
        if (_queueCount == 0)
        {
            _done = true;
            Core.Done();
        }
    }

    /// <summary>Examples the core has finished, counted from 0 over the whole run.</summary>
    protected int ExamplesDone { get; private set; }

    /// <summary>
    /// Starts the timer that drives the core's stages, or finishes at once when the run has no
    /// example for it.
    /// </summary>
    protected void StartTimer(int examples, Data.CoreTiming timing)
    {
        if (examples == 0)
        {
            Finish();
            return;
        }
        Core.SetTimer(timing.PeriodMicroseconds, timing.PhaseMicroseconds);
    }

    /// <summary>The current example is finished: count it (the next one is <see cref="Example"/>).</summary>
    protected void CountExample()
    {
        ExamplesDone++;
        Example++;
    }

    /// <summary>
    /// After the run's last example (of <paramref name="examples"/>) the core writes
    /// <paramref name="trainedWeights"/> back to its weights region, when it trained, and
    /// finishes; returns whether it did.
    /// </summary>
    protected bool FinishAfterLast(int examples, float[]? trainedWeights)
    {
        if (ExamplesDone != examples)
        {
            return false;
        }
        if (trainedWeights is not null)
        {
            Core.WriteSdram<float>(Core.GetSdramRegion(Data.NeuronRegions.Weights), 0, trainedWeights);
        }
        Finish();
        return true;
    }

    /// <summary>Whether <see cref="Finish"/> was called.</summary>
    protected bool IsFinishing => _finishing;

    /// <summary>The core's work on a timer tick.</summary>
    protected abstract void Tick();

    /// <inheritdoc/>
    public sealed override void OnTimerTick(uint tick)
    {
        if (_finishing)
        {
            return;
        }
        Tick();
        WriteStatus();
    }

    /// <summary>The send retry: wait a microsecond, then hand over as many queued packets as the controller takes.</summary>
    public sealed override void OnUserEvent(uint argument0, uint argument1)
    {
        Core.ChargeCycles(RetryDelayCycles);
        if (!Drain())
        {
            Core.TriggerUserEvent();
            return;
        }
        if (_finishing && !_done)
        {
            WriteStatus();
            _done = true;
            Core.Done();
        }
    }

    /// <summary>Writes the status region when it changed (a few SDRAM stores).</summary>
    protected void WriteStatus()
    {
        if (_status is null)
        {
            return;
        }
        _statusWords[CoreStatus.Stage] = (uint)Stage;
        _statusWords[CoreStatus.Example] = Example;
        _statusWords[CoreStatus.Expected] = Expected;
        _statusWords[CoreStatus.Received] = Received;
        _statusWords[CoreStatus.Unexpected] = Unexpected;
        _statusWords[CoreStatus.PendingSends] = (uint)_queueCount;
        Core.ChargeCycles(CoreStatus.Words);
        if (_statusWords.AsSpan().SequenceEqual(_statusWritten))
        {
            return;
        }
        Core.WriteSdram<uint>(_status, 0, _statusWords);
        _statusWords.CopyTo(_statusWritten, 0);
    }

    /// <summary>The float in a packet payload.</summary>
    protected static float ToFloat(uint payload) => BitConverter.UInt32BitsToSingle(payload);

    private void Enqueue(uint key, uint payload, int streamCount, uint spacingCycles)
    {
        if (_queueCount == _queueKeys.Length)
        {
            throw new InvalidOperationException(
                $"core {Core.Location}: more than {_queueKeys.Length} sends waiting; the send queue was sized from the core's data too small");
        }
        var tail = (_queueHead + _queueCount) % _queueKeys.Length;
        _queueKeys[tail] = key;
        _queuePayloads[tail] = payload;
        _queueCounts[tail] = streamCount;
        _queueSpacing[tail] = spacingCycles;
        _queueCount++;
        if (_queueCount == 1 && !Drain())
        {
            Core.TriggerUserEvent();
        }
    }

    /// <summary>Hands queued packets to the controller in order; false when it refused one (the rest wait).</summary>
    private bool Drain()
    {
        while (_queueCount > 0)
        {
            var head = _queueHead;
            var key = _queueKeys[head];
            var stream = _queueCounts[head];
            if (stream == 0)
            {
                if (!Core.Send(key, _queuePayloads[head]))
                {
                    return false;
                }
                Core.ChargeCycles(_queueSpacing[head]);
            }
            else
            {
                while (_streamCursor < stream)
                {
                    // The payload is computed once; a refused packet keeps it for the retry.
                    if (_streamCursor != _streamComputed)
                    {
                        _queuePayloads[head] = BitConverter.SingleToUInt32Bits(StreamPayload(_streamCursor));
                        _streamComputed = _streamCursor;
                    }
                    if (!Core.Send(key, _queuePayloads[head]))
                    {
                        return false;
                    }
                    _streamCursor++;
                    Core.ChargeCycles(_queueSpacing[head]);
                }
                _streamCursor = 0;
                _streamComputed = -1;
            }
            _queueHead = (_queueHead + 1) % _queueKeys.Length;
            _queueCount--;
        }
        return true;
    }
}
