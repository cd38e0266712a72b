namespace SpiDnn.Backends.SpiNNaker;

/// <summary>
/// A model cannot be mapped onto the machine (a block too big for a core's DTCM, more cores
/// than the machine has, a forced split that breaks a rule, a graph the toolchain cannot place
/// or route); the message says which layer or vertex and what did not fit. It is a <see cref="NotSupportedException"/>,
/// as <see cref="IMapping.Check"/> throws for models a mapping cannot run.
/// </summary>
public sealed class SpiNNakerMappingException : NotSupportedException
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
