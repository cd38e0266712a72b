using System.Numerics.Tensors;
using SpiDnn.Backends.Host;
using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;

/// <summary>
/// IEEE single precision (software-emulated on the ARM968, charged from
/// <see cref="ArithmeticCosts.SoftwareFloat"/>): the format in which the blocked mapping
/// reproduces the host backend. Payloads carry the float's bits.
/// </summary>
internal readonly struct FloatArithmetic : IValueArithmetic<float, float>
{
    public static NumberFormat Format => NumberFormat.Float;

    public static bool DeltasCarryBatchMean => true;

    public static float FromPayload(uint payload) => BitConverter.UInt32BitsToSingle(payload);

    public static uint ToPayload(float value) => BitConverter.SingleToUInt32Bits(value);

    public static float FromFloat(float value) => value;

    public static float ToFloat(float value) => value;

    public static float FromDouble(double value) => (float)value;

    public static double ToDouble(float value) => value;

    public static float Add(float a, float b) => a + b;

    public static float Subtract(float a, float b) => a - b;

    public static float Multiply(float a, float b) => a * b;

    public static float Divide(float a, float b) => a / b;

    public static bool GreaterThan(float a, float b) => a > b;

    public static float DotAccumulate(float acc, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => acc + TensorPrimitives.Dot(a, b);

    public static void AccumulateScaled(Span<float> acc, ReadOnlySpan<float> x, float scale) =>
        TensorPrimitives.MultiplyAdd(x, scale, acc, acc);

    public static float Round(float acc) => acc;

    public static float Widen(float value) => value;

    public static float AddAccumulators(float a, float b) => a + b;

    // The host's SGD step: w += (-lr) * g.
    public static float Update(float w, float g, long rate) => w + (BitConverter.Int32BitsToSingle((int)rate) * g);

    public static long UpdateRate(float learningRate, int scaleRows) => BitConverter.SingleToInt32Bits(-learningRate);

    // The host's own kernels: float mode computes exactly what the host backend computes.
    public static void ActivationForward(Activation activation, Span<float> values, int width) =>
        ActivationKernels.Forward(activation, values, width);

    public static void ActivationBackward(Activation activation, ReadOnlySpan<float> outputs, Span<float> gradient, int width) =>
        ActivationKernels.Backward(activation, outputs, gradient, width);
}
