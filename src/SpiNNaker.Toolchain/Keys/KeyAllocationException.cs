namespace SpiNNaker.Toolchain.Keys;

/// <summary>Keys could not be allocated: overlapping fixed keys or an exhausted key space.</summary>
public sealed class KeyAllocationException : MappingException
{
    /// <summary>Creates the exception.</summary>
    public KeyAllocationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KeyAllocationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public KeyAllocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
