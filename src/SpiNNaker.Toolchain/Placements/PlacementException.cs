namespace SpiNNaker.Toolchain.Placements;

/// <summary>A vertex could not be placed: the message names it, what it needs and what is free.</summary>
public sealed class PlacementException : MappingException
{
    /// <summary>Creates the exception.</summary>
    public PlacementException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PlacementException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PlacementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
