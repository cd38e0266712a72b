namespace SpiNNaker.Toolchain.Routing;

/// <summary>A partition's packets cannot reach a target (dead chips or links cut it off).</summary>
public sealed class RoutingException : MappingException
{
    /// <summary>Creates the exception.</summary>
    public RoutingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RoutingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RoutingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
