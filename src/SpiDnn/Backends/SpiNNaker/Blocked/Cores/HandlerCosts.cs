namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// Cycle counts of the blocked cores' own bookkeeping, beyond what <c>CostModel</c> charges
/// for interrupts and arithmetic. None is given by a source: each is an estimate of a few
/// ARM instructions (load, compare, branch ~1-3 cycles each) and is documented in
/// docs/mapping-blocked.md.
/// </summary>
internal static class HandlerCosts
{
    /// <summary>Entering the packet handler and splitting the key into slot and index.</summary>
    public const int PacketDecode = 12;

    /// <summary>One step of the binary search over the incoming key bases.</summary>
    public const int SearchStep = 6;

    /// <summary>Storing a value, counting it and testing for completion.</summary>
    public const int Store = 8;

    /// <summary>Queueing a work item in the ring and raising the user event.</summary>
    public const int Enqueue = 10;

    /// <summary>Taking one work item from the ring and dispatching it.</summary>
    public const int Dequeue = 8;

    /// <summary>Computing the next TDMA slot of a paced send.</summary>
    public const int SlotArithmetic = 12;

    /// <summary>Per value of a loop over a block (address arithmetic, loop control).</summary>
    public const int LoopStep = 2;

    /// <summary>Bookkeeping at an example's completion (counters, phase test).</summary>
    public const int Completion = 20;
}
