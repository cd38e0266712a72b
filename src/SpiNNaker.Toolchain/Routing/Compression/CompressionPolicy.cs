namespace SpiNNaker.Toolchain.Routing.Compression;

/// <summary>When the compression pass runs the compressor on a chip's table.</summary>
public enum CompressionPolicy
{
    /// <summary>Only when the table (after default-route removal) is longer than the router holds.</summary>
    WhenOverCapacity,

    /// <summary>On every table.</summary>
    Always,

    /// <summary>Never (an over-long table is then an error).</summary>
    Never,
}
