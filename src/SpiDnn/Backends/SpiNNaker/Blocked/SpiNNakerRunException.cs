namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>A run on the machine failed: a packet was dropped, the cores stalled, or a core failed; the message says where and what.</summary>
public sealed class SpiNNakerRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpiNNakerRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SpiNNakerRunException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
