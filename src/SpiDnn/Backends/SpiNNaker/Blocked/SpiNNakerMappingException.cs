namespace SpiDnn.Backends.SpiNNaker.Blocked;

/// <summary>A model cannot be mapped onto the machine with the blocked mapping; the message says which layer and what did not fit.</summary>
public sealed class SpiNNakerMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpiNNakerMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SpiNNakerMappingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
