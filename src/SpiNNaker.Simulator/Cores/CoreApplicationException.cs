using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>
/// A core application threw from one of its callbacks. The simulation is left mid-event:
/// <see cref="Simulation.Reset"/> it (or build a new one) before running again.
/// </summary>
public sealed class CoreApplicationException : Exception
{
    /// <summary>Creates the exception for <paramref name="core"/>.</summary>
    public CoreApplicationException(CoreLocation core, string callback, long time, Exception innerException)
        : base($"core {core} failed in {callback} at {SimulatedTime.ToMicroseconds(time):0.###} us: {innerException.Message}", innerException)
    {
        Core = core;
        Callback = callback;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CoreApplicationException()
        : base("a core application failed")
    {
        Callback = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CoreApplicationException(string message)
        : base(message)
    {
        Callback = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CoreApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Callback = string.Empty;
    }

    /// <summary>The core whose application failed.</summary>
    public CoreLocation Core { get; }

    /// <summary>The callback that threw.</summary>
    public string Callback { get; }
}
