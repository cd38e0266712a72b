using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>The simulated cycles of an activation on a block of values, from the number format's cost table.</summary>
internal static class ActivationCycles
{
    /// <summary>Forward: relu a compare, sigmoid/tanh their library call, softmax max + subtract + exp + sum + divide per value.</summary>
    public static long Forward(Activation activation, int values, ArithmeticCosts costs) => activation switch
    {
        Activation.Identity => 0,
        Activation.Relu => (long)values * costs.Compare,
        Activation.Sigmoid => (long)values * costs.Sigmoid,
        Activation.Tanh => (long)values * costs.Tanh,
        Activation.Softmax => (long)values * (costs.Compare + costs.Add + costs.Exp + costs.Add + costs.Divide),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };

    /// <summary>Backward: relu a compare, sigmoid/tanh two multiplies and an add, softmax a dot product, a subtract and a multiply per value.</summary>
    public static long Backward(Activation activation, int values, ArithmeticCosts costs) => activation switch
    {
        Activation.Identity => 0,
        Activation.Relu => (long)values * costs.Compare,
        Activation.Sigmoid or Activation.Tanh => (long)values * ((2 * costs.Multiply) + costs.Add),
        Activation.Softmax => (long)values * (costs.MultiplyAccumulate + costs.Add + costs.Multiply),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
