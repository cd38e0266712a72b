namespace SpiNNaker.Simulator;

/// <summary>
/// Cycles per arithmetic operation on an ARM968 core for one number format. Core
/// applications charge these through <see cref="ICoreContext.ChargeCycles"/> (bulk
/// charges are fine: a dot product of n terms costs n <see cref="MultiplyAccumulate"/>).
/// No source gives these per operation: they are assumed (see docs/simulator.md).
/// </summary>
public sealed record ArithmeticCosts
{
    /// <summary>Addition or subtraction.</summary>
    public required int Add { get; init; }

    /// <summary>Multiplication.</summary>
    public required int Multiply { get; init; }

    /// <summary>Multiply and add into an accumulator (one term of a dot product).</summary>
    public required int MultiplyAccumulate { get; init; }

    /// <summary>Division.</summary>
    public required int Divide { get; init; }

    /// <summary>Comparison (max, relu, argmax step).</summary>
    public required int Compare { get; init; }

    /// <summary>Exponential.</summary>
    public required int Exp { get; init; }

    /// <summary>Natural logarithm.</summary>
    public required int Log { get; init; }

    /// <summary>Hyperbolic tangent.</summary>
    public required int Tanh { get; init; }

    /// <summary>Logistic sigmoid.</summary>
    public required int Sigmoid { get; init; }

    /// <summary>Square root.</summary>
    public required int Sqrt { get; init; }

    /// <summary>Conversion from or to a 32-bit integer (packet payloads travel as integers).</summary>
    public required int Convert { get; init; }

    /// <summary>
    /// Software floating point (libgcc on ARMv5TE). Assumed: add/multiply ~40 cycles, divide
    /// ~120, exp/log/tanh/sigmoid ~1,500-3,000 (SPINNAKER-FACTS.md; the generic ARM figure is
    /// 50-300x an integer operation).
    /// </summary>
    public static ArithmeticCosts SoftwareFloat { get; } = new()
    {
        Add = 40,
        Multiply = 40,
        MultiplyAccumulate = 80,
        Divide = 120,
        Compare = 20,
        Exp = 2_000,
        Log = 2_000,
        Tanh = 2_500,
        Sigmoid = 2_500,
        Sqrt = 400,
        Convert = 30,
    };

    /// <summary>
    /// s16.15 fixed point with integer instructions. Assumed: add 1 cycle, multiply-accumulate
    /// 3 (SMLAWB-style 32x16 MAC, 2-4 cycles per SPINNAKER-FACTS.md), divide ~60 (software
    /// integer division), transcendental functions ~150-250 (table plus polynomial).
    /// </summary>
    public static ArithmeticCosts FixedPoint { get; } = new()
    {
        Add = 1,
        Multiply = 3,
        MultiplyAccumulate = 3,
        Divide = 60,
        Compare = 1,
        Exp = 150,
        Log = 150,
        Tanh = 200,
        Sigmoid = 200,
        Sqrt = 100,
        Convert = 1,
    };
}
