namespace SpiNNaker.Simulator;

/// <summary>Callback priorities as spin1 numbers them.</summary>
public static class CallbackPriority
{
    /// <summary>
    /// Preeminent: the fast interrupt (FIQ). Runs at once, even inside another interrupt
    /// handler. Only one interrupt source may use it (both multicast events count as one).
    /// </summary>
    public const int Fiq = -1;

    /// <summary>Runs at once in interrupt context (IRQ), after any running interrupt handler.</summary>
    public const int Immediate = 0;

    /// <summary>The highest queued priority; queued callbacks run one at a time, lowest number first.</summary>
    public const int FirstQueued = 1;

    /// <summary>The lowest queued priority (spin1 has two queued levels).</summary>
    public const int LastQueued = 2;

    /// <summary>Slots in each queue (spin1: 16, of which 15 can hold a callback).</summary>
    public const int QueueSlots = 16;

    /// <summary>Callbacks a queue can hold.</summary>
    public const int QueueCapacity = QueueSlots - 1;
}
