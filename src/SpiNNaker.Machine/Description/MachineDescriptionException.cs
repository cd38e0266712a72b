namespace SpiNNaker.Machine;

/// <summary>A machine-description file is malformed or describes an impossible machine.</summary>
public sealed class MachineDescriptionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MachineDescriptionException()
        : base("invalid machine description")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MachineDescriptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MachineDescriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
