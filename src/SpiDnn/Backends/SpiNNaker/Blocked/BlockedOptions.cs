using SpiDnn.Backends.SpiNNaker.Blocked.Planning;

namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>
/// The settings of the blocked mapping (docs/mapping-blocked.md): pipeline depth, replicas,
/// pacing, and the sizing targets of the block planner. (The number format is the backend's
/// <see cref="SpiNNakerBackendOptions.NumberFormat"/>.)
/// </summary>
public sealed record BlockedOptions
{
    /// <summary>The defaults: 8 slots, one replica, paced sends.</summary>
    public static BlockedOptions Default { get; } = new();

    /// <summary>Examples in flight per replica (pipeline slots, a power of two from 1 to 64).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Copies of the model on the machine; each takes a share of every batch and they combine gradients at each batch end.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Whether sends are paced by the TDMA rule (section 8 of the design); off only to demonstrate drops.</summary>
    public bool Pacing { get; init; } = true;

    /// <summary>
    /// The training throughput the planner sizes for, in examples per simulated second: every
    /// weight core gets at most <c>core clock / rate</c> cycles of work per example, so a layer
    /// gets about <c>its cycles per example / that</c> weight cores (within the machine and
    /// DTCM limits). More means more cores, more packets per example and a slower simulation
    /// (its host cost grows with the cores an example touches): the default keeps MNIST
    /// training about as fast to simulate as the machine would run it.
    /// </summary>
    public double TrainingExamplesPerSecond { get; init; } = 1_000;

    /// <summary>The inference (predict) throughput the planner sizes for, in examples per simulated second.</summary>
    public double InferenceExamplesPerSecond { get; init; } = 6_000;

    /// <summary>
    /// The most host memory the first layer's preloaded input copies may take (one copy per
    /// filter block and replica): bounds the filter blocks of the first layer.
    /// </summary>
    public long MaxInputCopyBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Splits forced for some layers (by index in <see cref="Sequential.Layers"/>, weighted layers only), instead of the planner's choice; <see cref="LayerSplit.FusedTiles"/> forces fused cores.</summary>
    public IReadOnlyDictionary<int, LayerSplit>? Splits { get; init; }

    /// <summary>
    /// Whether the planner may fuse (docs/mapping-blocked.md, section 3): a layer whose block
    /// and sum work fit one core's DTCM and the throughput target runs in one fused core per
    /// tile, and consecutive such layers share one core. Off, every layer gets weight and sum
    /// cores (the plan before fusion, for comparison).
    /// </summary>
    public bool Fusion { get; init; } = true;

    /// <summary>Chains of consecutive weighted layers forced into one fused core each, instead of the planner's choice (whatever <see cref="Fusion"/> says).</summary>
    public IReadOnlyList<LayerChain>? Chains { get; init; }

    /// <summary>Simulated time between the host's checks of the routers' drop counters, in microseconds.</summary>
    public long CheckIntervalMicroseconds { get; init; } = 2_000;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the value.</exception>
    public void Validate()
    {
        if (Slots is < 1 or > 64 || (Slots & (Slots - 1)) != 0)
        {
            throw new ArgumentException($"blocked mapping: Slots must be a power of two from 1 to 64. Received: {Slots}", nameof(Slots));
        }

        if (Replicas < 1)
        {
            throw new ArgumentException($"blocked mapping: Replicas must be at least 1. Received: {Replicas}", nameof(Replicas));
        }

        if (!(TrainingExamplesPerSecond > 0) || !(InferenceExamplesPerSecond > 0) || double.IsInfinity(TrainingExamplesPerSecond) || double.IsInfinity(InferenceExamplesPerSecond))
        {
            throw new ArgumentException(
                $"blocked mapping: the target throughputs must be positive and finite. Received: TrainingExamplesPerSecond={TrainingExamplesPerSecond}, InferenceExamplesPerSecond={InferenceExamplesPerSecond}",
                nameof(TrainingExamplesPerSecond));
        }

        if (MaxInputCopyBytes < 1)
        {
            throw new ArgumentException($"blocked mapping: MaxInputCopyBytes must be positive. Received: {MaxInputCopyBytes}", nameof(MaxInputCopyBytes));
        }

        if (CheckIntervalMicroseconds < 1)
        {
            throw new ArgumentException($"blocked mapping: CheckIntervalMicroseconds must be positive. Received: {CheckIntervalMicroseconds}", nameof(CheckIntervalMicroseconds));
        }
    }
}
