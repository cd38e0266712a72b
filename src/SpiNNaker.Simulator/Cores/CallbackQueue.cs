using System.Runtime.CompilerServices;

namespace SpiNNaker.Simulator;

/// <summary>One spin1 callback queue: 16 slots of which 15 hold callbacks; a full queue loses the callback.</summary>
internal sealed class CallbackQueue
{
    // The slots live inside the queue object: one object to reach, not two.
    private Slots _slots;
    private int _head;

    public int Count { get; private set; }

    public bool TryEnqueue(CallbackEvent callbackEvent, uint a, uint b)
    {
        if (Count == CallbackPriority.QueueCapacity)
        {
            return false;
        }

        ref var slot = ref _slots[(_head + Count) & (CallbackPriority.QueueSlots - 1)];
        slot.Event = callbackEvent;
        slot.A = a;
        slot.B = b;
        Count++;
        return true;
    }

    public QueuedCallback Dequeue()
    {
        var item = _slots[_head];
        _head = (_head + 1) & (CallbackPriority.QueueSlots - 1);
        Count--;
        return item;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    [InlineArray(CallbackPriority.QueueSlots)]
    private struct Slots
    {
        private QueuedCallback _element;
    }
}
