namespace SpiNNaker.Toolchain.Resources;

/// <summary>A vertex or a chip needs more DTCM, SDRAM or cycles than it has.</summary>
public sealed class ResourceException : MappingException
{
    /// <summary>Creates the exception.</summary>
    public ResourceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ResourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ResourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
