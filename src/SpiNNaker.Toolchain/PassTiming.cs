namespace SpiNNaker.Toolchain;

/// <summary>How long one pass of the pipeline took (wall clock; not part of the mapping's result).</summary>
/// <param name="Pass">The pass name, e.g. "place".</param>
/// <param name="Seconds">Its wall-clock seconds.</param>
public readonly record struct PassTiming(string Pass, double Seconds);
