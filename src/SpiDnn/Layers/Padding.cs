namespace SpiDnn.Layers;

/// <summary>How a <see cref="Conv1D"/> layer treats the ends of its input.</summary>
public enum Padding
{
    /// <summary>No padding: <c>out = floor((n - k) / s) + 1</c> positions.</summary>
    Valid,

    /// <summary>
    /// Zero padding as Keras/TensorFlow do it: <c>out = ceil(n / s)</c>,
    /// <c>pad_total = max((out - 1) * s + k - n, 0)</c>, <c>pad_before = pad_total / 2</c>
    /// (rounded down) and the extra one, if any, at the end.
    /// </summary>
    Same,
}
