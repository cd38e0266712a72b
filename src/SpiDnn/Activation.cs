namespace SpiDnn;

/// <summary>
/// The element-wise (or, for softmax, row-wise) function a layer applies to its
/// pre-activation <c>z</c>. Softmax normalises over the last axis: the units of a Dense
/// layer, the filters of a Conv1D layer at each position (Keras semantics).
/// </summary>
public enum Activation
{
    /// <summary><c>f(z) = z</c> (the default).</summary>
    Identity,

    /// <summary><c>f(z) = max(z, 0)</c>; the derivative at 0 is taken as 0.</summary>
    Relu,

    /// <summary><c>f(z) = 1 / (1 + exp(-z))</c>.</summary>
    Sigmoid,

    /// <summary><c>f(z) = tanh(z)</c>.</summary>
    Tanh,

    /// <summary><c>f(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z)</c> over the last axis.</summary>
    Softmax,
}
