namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>The SDRAM regions of blocked-mapping cores (docs/mapping-blocked.md, "SDRAM layouts").</summary>
internal static class RegionIds
{
    /// <summary>The core's parameters, key tables and pacing (words).</summary>
    public const int Parameters = 0;

    /// <summary>A weight core's kernel block, or a sum core's biases: loaded by the host, written back by the core when it finishes.</summary>
    public const int Weights = 1;

    /// <summary>A first-layer weight core's input rows (training then validation examples, or the examples to predict).</summary>
    public const int Inputs = 2;

    /// <summary>The data row of each position of the replica's example sequence.</summary>
    public const int Schedule = 3;

    /// <summary>An output sum core's label rows.</summary>
    public const int Labels = 4;

    /// <summary>An output sum core's predictions of a predict run, in sequence order.</summary>
    public const int Predictions = 5;
}
