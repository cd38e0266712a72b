namespace SpiDnn.Backends.SpiNNaker.Neuron;

/// <summary>Settings of the neuron-per-core mapping (the thesis design).</summary>
public sealed record NeuronMappingOptions
{
    /// <summary>The default timer period: 1,000 us (see <see cref="TimerPeriodMicroseconds"/>).</summary>
    public const int DefaultTimerPeriodMicroseconds = 5_000;

    /// <summary>The seed's delay between the packets of its error send loop: 12 us.</summary>
    public const int SeedSendDelayMicroseconds = 12;

    /// <summary>The default delay between the packets of a Conv1D neuron's filter loop.</summary>
    public const int DefaultConvSendDelayMicroseconds = 100;

    /// <summary>How errors travel backwards (default: the seed's final version, multicast each error).</summary>
    public BackwardVariant BackwardVariant { get; init; } = BackwardVariant.MulticastEachError;

    /// <summary>
    /// The timer period every neuron core polls on, in microseconds. Default 5,000, the period
    /// the thesis tested with (a 0.5 ms timestep slowed down ten times). It matters beyond
    /// latency: the seed spreads the first ticks of a chip's 17 cores over 10 % of the period,
    /// so a shorter period packs a layer's sends closer together. Measured on the seed's
    /// six-layer MLP: the 300 tanh neurons' packets reach each of the next 50 neurons 18 at a
    /// time every 30 us at 5 ms, which a core takes in ~10 us; at 2 ms the run still drops
    /// nothing, at 1 ms (slots 6 us apart) routers drop 154 packets and the run stalls.
    /// </summary>
    public int TimerPeriodMicroseconds { get; init; } = DefaultTimerPeriodMicroseconds;

    /// <summary>
    /// The fraction of the timer period over which the cores of a chip spread their first tick:
    /// processor p starts <c>ceil(fraction * period / 17) * p</c> microseconds late (the
    /// seed's 10 %).
    /// </summary>
    public double TimerPhaseSpread { get; init; } = 0.1;

    /// <summary>
    /// The delay after each packet of an error send loop (multicast each error, a Conv1D
    /// neuron's errors and kernel gradients), in microseconds (the seed: 12).
    /// </summary>
    public int SendDelayMicroseconds { get; init; } = SeedSendDelayMicroseconds;

    /// <summary>
    /// The constant delay after each packet of a multi-filter Conv1D neuron's forward send loop,
    /// in microseconds (the seed had one; its value is not recorded). Default 100: the smallest
    /// round value with which the seed's same-padded Conv1D stack runs without drops at the
    /// default timer (its 112 16-filter neurons feed one Dense layer of 1,792 inputs; a core
    /// takes a packet in ~0.54 us, so the 112 senders together must stay below ~1.85 packets
    /// per us). Measured: 12 us drops 208 packets, 25 and 40 us 174, 60 us 67, 100 us none.
    /// </summary>
    public int ConvSendDelayMicroseconds { get; init; } = DefaultConvSendDelayMicroseconds;

    /// <summary>
    /// Input (and label) neurons per input core, or null to choose: one per core as in the
    /// seed when the whole model fits the machine that way, otherwise as few per core as fit.
    /// </summary>
    public int? InputNeuronsPerCore { get; init; }

    /// <summary>
    /// How long the host waits without receiving anything before it declares the run stalled,
    /// in simulated microseconds; null derives it from the timer period, the model's depth and
    /// the busiest core's work per example.
    /// </summary>
    public long? StallTimeoutMicroseconds { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(BackwardVariant))
        {
            throw new ArgumentException($"expected a backward variant ({string.Join(", ", Enum.GetNames<BackwardVariant>())}). Received: {BackwardVariant}");
        }
        if (TimerPeriodMicroseconds < 10)
        {
            throw new ArgumentException($"the timer period must be at least 10 us. Received: TimerPeriodMicroseconds={TimerPeriodMicroseconds}");
        }
        if (!double.IsFinite(TimerPhaseSpread) || TimerPhaseSpread is < 0 or >= 1)
        {
            throw new ArgumentException($"the timer phase spread must be in [0, 1). Received: TimerPhaseSpread={TimerPhaseSpread}");
        }
        if (SendDelayMicroseconds < 0 || ConvSendDelayMicroseconds < 0)
        {
            throw new ArgumentException($"send delays must not be negative. Received: SendDelayMicroseconds={SendDelayMicroseconds}, ConvSendDelayMicroseconds={ConvSendDelayMicroseconds}");
        }
        if (InputNeuronsPerCore is < 1)
        {
            throw new ArgumentException($"input neurons per core must be positive. Received: InputNeuronsPerCore={InputNeuronsPerCore}");
        }
        if (StallTimeoutMicroseconds is < 1)
        {
            throw new ArgumentException($"the stall timeout must be positive. Received: StallTimeoutMicroseconds={StallTimeoutMicroseconds}");
        }
    }
}
