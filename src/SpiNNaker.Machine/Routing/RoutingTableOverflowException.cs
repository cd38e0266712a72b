namespace SpiNNaker.Machine;

/// <summary>A routing table was given more entries than its router holds.</summary>
public sealed class RoutingTableOverflowException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RoutingTableOverflowException(string message, int capacity, int requestedEntries)
        : base(message)
    {
        Capacity = capacity;
        RequestedEntries = requestedEntries;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public RoutingTableOverflowException()
        : this("routing table overflow", RoutingTable.ApplicationCapacity, RoutingTable.ApplicationCapacity + 1)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RoutingTableOverflowException(string message)
        : this(message, RoutingTable.ApplicationCapacity, RoutingTable.ApplicationCapacity + 1)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RoutingTableOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Capacity = RoutingTable.ApplicationCapacity;
        RequestedEntries = RoutingTable.ApplicationCapacity + 1;
    }

    /// <summary>The entries the table holds at most.</summary>
    public int Capacity { get; }

    /// <summary>The entries it was asked to hold.</summary>
    public int RequestedEntries { get; }
}
