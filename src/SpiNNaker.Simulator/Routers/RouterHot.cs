namespace SpiNNaker.Simulator;

/// <summary>
/// The part of a router's state that every packet reads or counts, kept together so that a
/// hop touches one or two cache lines of its router instead of four (the runtime lays a
/// class's fields out by size, which scattered these across the object). Whether the router
/// is stalled and which links are blocked live in the simulation's dense per-router arrays.
/// </summary>
internal struct RouterHot
{
    /// <summary>Bit p: processor p has an application loaded (only such cores take packets).</summary>
    public uint CoresLoaded;

    /// <summary>Bit p: processor p's communications controller holds a packet it has not taken yet.</summary>
    public uint CoresHolding;

    /// <summary>A retry of the blocked packet is already scheduled for now.</summary>
    public bool RetryScheduled;

    /// <summary>1 while waiting for wait1 (emergency routing not yet allowed), 2 after it.</summary>
    public byte StallPhase;

    public long Routed;
    public long DefaultRouted;
    public long LostNoRoute;
    public long Traversals40;
    public long Traversals72;
}
