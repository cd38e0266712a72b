namespace SpiNNaker.Toolchain;

/// <summary>
/// A graph could not be mapped onto a machine: the base of the errors of each pass, whose
/// message names what did not fit and what was available.
/// </summary>
public class MappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MappingException()
        : base("the graph could not be mapped")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
