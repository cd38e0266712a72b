using SpiNNaker.Simulator;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// The work a core's packet handler hands to its worker: a DTCM ring of (kind, slot) items
/// and the user event that runs the worker. At most one worker callback is queued at a time
/// (a flag), so the spin1 callback queue never overflows however many items arrive while the
/// worker is busy.
/// </summary>
internal sealed class WorkRing
{
    private readonly uint[] _items;
    private int _head;
    private int _count;
    private bool _scheduled;

    public WorkRing(ICoreContext context, int capacity) => _items = context.AllocateDtcm<uint>(capacity);

    /// <summary>Whether no item waits.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Queues an item and makes sure the worker will run.</summary>
    /// <exception cref="InvalidOperationException">The ring is full (more work outstanding than the protocol allows: a bug).</exception>
    public void Add(ICoreContext context, int kind, int slot)
    {
        if (_count == _items.Length)
        {
            throw new InvalidOperationException($"core {context.Location}: the work ring of {_items.Length} items is full");
        }

        _items[(_head + _count) % _items.Length] = ((uint)kind << 16) | (uint)slot;
        _count++;
        context.ChargeCycles(HandlerCosts.Enqueue);
        if (!_scheduled)
        {
            _scheduled = context.TriggerUserEvent();
        }
    }

    /// <summary>Makes sure the worker runs again after the current callback (to continue a send job).</summary>
    public void Reschedule(ICoreContext context)
    {
        if (!_scheduled)
        {
            _scheduled = context.TriggerUserEvent();
        }
    }

    /// <summary>Called first by the worker: later items need a new user event.</summary>
    public void WorkerStarted() => _scheduled = false;

    /// <summary>Takes the oldest item.</summary>
    public bool TryTake(ICoreContext context, out int kind, out int slot)
    {
        if (_count == 0)
        {
            kind = slot = 0;
            return false;
        }

        var item = _items[_head];
        _head = (_head + 1) % _items.Length;
        _count--;
        kind = (int)(item >> 16);
        slot = (int)(item & 0xFFFF);
        context.ChargeCycles(HandlerCosts.Dequeue);
        return true;
    }
}
