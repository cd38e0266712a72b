namespace SpiNNaker.Simulator;

/// <summary>A core asked for more DTCM, or a chip for more SDRAM, than it has left.</summary>
public sealed class MemoryBudgetExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MemoryBudgetExceededException(string message, long requestedBytes, long freeBytes)
        : base(message)
    {
        RequestedBytes = requestedBytes;
        FreeBytes = freeBytes;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MemoryBudgetExceededException()
        : base("memory budget exceeded")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MemoryBudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MemoryBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The bytes asked for.</summary>
    public long RequestedBytes { get; }

    /// <summary>The bytes that were free.</summary>
    public long FreeBytes { get; }
}
