using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// The activations as a core computes them in software float, charged to the cost model.
/// Softmax is not here: it needs the other neurons' values (a Dense layer exchanges them on
/// its softmax partition; a Conv1D neuron holds all filters of its position).
/// </summary>
internal static class CoreActivation
{
    /// <summary>The activation of pre-activation <paramref name="z"/> (not softmax).</summary>
    public static float Apply(Activation activation, float z, ICoreContext core, ArithmeticCosts costs)
    {
        switch (activation)
        {
            case Activation.Identity:
                return z;
            case Activation.Relu:
                core.ChargeCycles(costs.Compare);
                return z > 0f ? z : 0f;
            case Activation.Sigmoid:
                core.ChargeCycles(costs.Sigmoid);
                return 1f / (1f + MathF.Exp(-z));
            case Activation.Tanh:
                core.ChargeCycles(costs.Tanh);
                return MathF.Tanh(z);
            default:
                throw new InvalidOperationException($"core {core.Location}: activation {activation} is not computed per neuron");
        }
    }

    /// <summary>
    /// The gradient with respect to the pre-activation from the gradient <paramref name="g"/>
    /// with respect to the output <paramref name="y"/> (not softmax: its Jacobian needs the
    /// layer's exchange).
    /// </summary>
    public static float Backward(Activation activation, float y, float g, ICoreContext core, ArithmeticCosts costs)
    {
        switch (activation)
        {
            case Activation.Identity:
                return g;
            case Activation.Relu:
                core.ChargeCycles(costs.Compare);
                return y > 0f ? g : 0f;
            case Activation.Sigmoid:
                // s' = s (1 - s)
                core.ChargeCycles(costs.Add + (2 * costs.Multiply));
                return g * (y * (1f - y));
            case Activation.Tanh:
                // tanh' = 1 - tanh^2
                core.ChargeCycles(costs.Add + (2 * costs.Multiply));
                return g * (1f - (y * y));
            default:
                throw new InvalidOperationException($"core {core.Location}: activation {activation} has no per-neuron derivative");
        }
    }
}
