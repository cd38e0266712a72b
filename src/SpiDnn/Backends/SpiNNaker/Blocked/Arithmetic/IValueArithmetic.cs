using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;

/// <summary>
/// The arithmetic a blocked-mapping core does on its values, for one number format: the core
/// applications are generic over it, so float and s16.15 share one algorithm and the JIT
/// specialises each (no virtual calls in the inner loops). <typeparamref name="T"/> is a
/// value as stored and sent in a payload; <typeparamref name="TAcc"/> the wider accumulator
/// of dot products and gradients. Host-side speed comes from span kernels; the simulated cost
/// is charged separately by the caller from <see cref="CostModel.Arithmetic"/>.
/// </summary>
/// <typeparam name="T">A value (float, or an s16.15 int).</typeparam>
/// <typeparam name="TAcc">An accumulator (float, or an s32.30 long).</typeparam>
internal interface IValueArithmetic<T, TAcc>
    where T : unmanaged
    where TAcc : unmanaged
{
    /// <summary>The format, for its cost table.</summary>
    static abstract NumberFormat Format { get; }

    /// <summary>The value of a packet payload.</summary>
    static abstract T FromPayload(uint payload);

    /// <summary>The payload carrying a value.</summary>
    static abstract uint ToPayload(T value);

    /// <summary>The nearest value to a float (host-side data generation, and transcendental functions).</summary>
    static abstract T FromFloat(float value);

    /// <summary>The value as a float (host-side extraction, loss reporting).</summary>
    static abstract float ToFloat(T value);

    /// <summary>The nearest value to a double (transcendental functions modelled as correctly rounded).</summary>
    static abstract T FromDouble(double value);

    /// <summary>The value as a double.</summary>
    static abstract double ToDouble(T value);

    /// <summary><c>a + b</c> (saturating in fixed point).</summary>
    static abstract T Add(T a, T b);

    /// <summary><c>a - b</c> (saturating in fixed point).</summary>
    static abstract T Subtract(T a, T b);

    /// <summary><c>a * b</c>, rounded once.</summary>
    static abstract T Multiply(T a, T b);

    /// <summary><c>a / b</c>, rounded once.</summary>
    static abstract T Divide(T a, T b);

    /// <summary>Whether <c>a &gt; b</c>.</summary>
    static abstract bool GreaterThan(T a, T b);

    /// <summary><c>acc + sum_i a[i] b[i]</c> without intermediate rounding in fixed point.</summary>
    static abstract TAcc DotAccumulate(TAcc acc, ReadOnlySpan<T> a, ReadOnlySpan<T> b);

    /// <summary><c>acc[i] += scale * x[i]</c>.</summary>
    static abstract void AccumulateScaled(Span<TAcc> acc, ReadOnlySpan<T> x, T scale);

    /// <summary>An accumulator rounded to a value (saturating in fixed point).</summary>
    static abstract T Round(TAcc acc);

    /// <summary>A value widened to an accumulator.</summary>
    static abstract TAcc Widen(T value);

    /// <summary><c>a + b</c> on accumulators.</summary>
    static abstract TAcc AddAccumulators(TAcc a, TAcc b);

    /// <summary>
    /// The update <c>w - rate * g</c> with the format's rate (<see cref="UpdateRate"/>): float
    /// mode mirrors the host's <c>w + (-lr) * g</c>; fixed point uses a 30-bit rate.
    /// </summary>
    static abstract T Update(T w, T g, long rate);

    /// <summary>
    /// The rate used by <see cref="Update"/> for learning rate <paramref name="learningRate"/>
    /// and <paramref name="scaleRows"/> rows in the batch mean: float carries <c>-lr</c> as bits
    /// (the 1 / rows factor travels in the deltas, as on the host); fixed point folds
    /// <c>lr / rows</c> into a 2^30-scaled integer because its deltas are unscaled.
    /// </summary>
    static abstract long UpdateRate(float learningRate, int scaleRows);

    /// <summary>Whether deltas carry the batch-mean factor 1 / rows (float) or leave it to the update (fixed point).</summary>
    static abstract bool DeltasCarryBatchMean { get; }

    /// <summary>Replaces pre-activations by activations in place; softmax works per row of <paramref name="width"/>.</summary>
    static abstract void ActivationForward(Activation activation, Span<T> values, int width);

    /// <summary>Turns gradients with respect to outputs into gradients with respect to pre-activations, in place.</summary>
    static abstract void ActivationBackward(Activation activation, ReadOnlySpan<T> outputs, Span<T> gradient, int width);
}
