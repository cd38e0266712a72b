using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// The per-output work of a layer once its pre-activations are summed (docs/mapping-blocked.md,
/// section 2): add the bias and apply the activation forward; backward, the activation's
/// derivative and the bias gradient. Values are <c>p * filters + f</c> over one tile; sum
/// cores and fused cores share it, and every step is charged here.
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal static class BiasActivation<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    /// <summary><c>outputs = activation(sums + bias)</c> (the spans may be the same); softmax per row of <paramref name="filters"/>.</summary>
    public static void Forward(ICoreContext context, ArithmeticCosts costs, Activation activation, ReadOnlySpan<T> sums, ReadOnlySpan<T> bias, Span<T> outputs, int filters)
    {
        var count = outputs.Length;
        for (var j = 0; j < count; j++)
        {
            outputs[j] = TOps.Add(sums[j], bias[j % filters]);
        }

        TOps.ActivationForward(activation, outputs, filters);
        context.ChargeCycles(((long)count * (costs.Add + HandlerCosts.LoopStep)) + ActivationCycles.Forward(activation, count, costs));
    }

    /// <summary>Multiplies the gradients in <paramref name="deltas"/> by the activation's derivative at <paramref name="outputs"/>, in place.</summary>
    public static void Derivative(ICoreContext context, ArithmeticCosts costs, Activation activation, ReadOnlySpan<T> outputs, Span<T> deltas, int filters)
    {
        TOps.ActivationBackward(activation, outputs, deltas, filters);
        context.ChargeCycles(ActivationCycles.Backward(activation, deltas.Length, costs));
    }

    /// <summary>Adds the deltas of every position to the bias gradient of their filter.</summary>
    public static void AccumulateBias(ICoreContext context, ArithmeticCosts costs, ReadOnlySpan<T> deltas, Span<TAcc> gradient, int filters)
    {
        for (var j = 0; j < deltas.Length; j++)
        {
            var f = j % filters;
            gradient[f] = TOps.AddAccumulators(gradient[f], TOps.Widen(deltas[j]));
        }

        context.ChargeCycles((long)deltas.Length * costs.Add);
    }
}
