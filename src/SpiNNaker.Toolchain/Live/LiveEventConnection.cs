using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Running;

namespace SpiNNaker.Toolchain.Live;

/// <summary>
/// The host end of live I/O, as SpiNNFrontEndCommon's LiveEventConnection over EIEIO/UDP:
/// send events to the machine through a <see cref="LiveInjectorVertex"/> (each call sends its
/// events at once, packed at most 31 to an SDP message; they cross the Ethernet link with its
/// latency and bandwidth) and receive, in callbacks, the events the
/// <see cref="LivePacketGathererVertex"/> cores forward. Callbacks run inside the run at the
/// simulated arrival time; they may send, and may call <see cref="Stop"/>. The connection
/// lives as long as its <see cref="MachineSession"/>, across reloads.
/// </summary>
public sealed class LiveEventConnection
{
    private readonly MachineSession _session;
    private readonly List<Action<LiveEvent>> _callbacks = [];
    private readonly byte[] _buffer = new byte[EieioMessage.MaxBytes];

    internal LiveEventConnection(MachineSession session)
    {
        _session = session;
        Injectors = [.. session.Mapping.MachineGraph.Vertices.OfType<LiveInjectorVertex>()];
        Gatherers = [.. session.Mapping.MachineGraph.Vertices.OfType<LivePacketGathererVertex>()];
    }

    /// <summary>The injectors of the mapped graph.</summary>
    public IReadOnlyList<LiveInjectorVertex> Injectors { get; }

    /// <summary>The gatherers of the mapped graph.</summary>
    public IReadOnlyList<LivePacketGathererVertex> Gatherers { get; }

    /// <summary>Events sent since the session was created.</summary>
    public long EventsSent { get; private set; }

    /// <summary>SDP messages sent since the session was created.</summary>
    public long MessagesSent { get; private set; }

    /// <summary>Events received since the session was created.</summary>
    public long EventsReceived { get; private set; }

    /// <summary>SDP messages received from gatherers since the session was created.</summary>
    public long MessagesReceived { get; private set; }

    /// <summary>Messages from gatherers that were not well-formed EIEIO data.</summary>
    public long MalformedMessages { get; private set; }

    /// <summary>Calls <paramref name="callback"/> for every event a gatherer forwards.</summary>
    public void AddReceiveCallback(Action<LiveEvent> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callbacks.Add(callback);
    }

    /// <summary>Stops calling <paramref name="callback"/>.</summary>
    public bool RemoveReceiveCallback(Action<LiveEvent> callback) => _callbacks.Remove(callback);

    /// <summary>Key <paramref name="index"/> of the injector's partition <paramref name="partitionIdentifier"/>.</summary>
    /// <exception cref="KeyNotFoundException">The injector has no such partition.</exception>
    public uint KeyOf(string partitionIdentifier, int index, LiveInjectorVertex? injector = null) =>
        _session.Mapping.KeysOf(Injector(injector), partitionIdentifier).KeyFor(index);

    /// <summary>Sends key <paramref name="index"/> of partition <paramref name="partitionIdentifier"/> with <paramref name="payload"/>.</summary>
    public void Send(string partitionIdentifier, int index, uint payload, LiveInjectorVertex? injector = null) =>
        Send([LiveEvent.WithPayload(KeyOf(partitionIdentifier, index, injector), payload)], injector);

    /// <summary>Sends one event with a payload.</summary>
    public void Send(uint key, uint payload, LiveInjectorVertex? injector = null) => Send([LiveEvent.WithPayload(key, payload)], injector);

    /// <summary>
    /// Sends <paramref name="events"/> now, in as few messages as the framing allows (31 events
    /// each; a message holds events all with or all without payloads), through
    /// <paramref name="injector"/> (default: the only one).
    /// </summary>
    /// <exception cref="InvalidOperationException">No session is loaded, or the graph has no injector (or several and none was named).</exception>
    public void Send(ReadOnlySpan<LiveEvent> events, LiveInjectorVertex? injector = null)
    {
        var target = Injector(injector);
        if (!_session.IsLoaded)
        {
            throw new InvalidOperationException("live events can only be sent once the session is loaded");
        }

        var core = _session.Mapping.Placements[target];
        var at = 0;
        while (at < events.Length)
        {
            var withPayloads = events[at].HasPayload;
            var count = 0;
            while (at + count < events.Length && count < EieioMessage.MaxEvents && events[at + count].HasPayload == withPayloads)
            {
                EieioMessage.WriteEvent(_buffer, count, withPayloads, events[at + count].Key, events[at + count].Payload);
                count++;
            }

            EieioMessage.WriteHeader(_buffer, count, withPayloads);
            _session.Simulation.SendSdp(core, LiveInjectorVertex.SdpPort, _buffer.AsSpan(0, EieioMessage.Length(count, withPayloads)));
            MessagesSent++;
            EventsSent += count;
            at += count;
        }
    }

    /// <summary>Stops the running simulation after the current event (from a callback).</summary>
    public void Stop() => _session.Simulation.Stop();

    /// <summary>Decodes a gatherer's message and calls the callbacks.</summary>
    internal void Deliver(SdpMessage message)
    {
        MessagesReceived++;
        ReadOnlySpan<byte> data = message.Data as byte[] ?? [.. message.Data];
        if (message.Port != LivePacketGathererVertex.SdpPort || !EieioMessage.TryReadHeader(data, out var count, out var withPayloads))
        {
            MalformedMessages++;
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var (key, payload) = EieioMessage.ReadEvent(data, i, withPayloads);
            EventsReceived++;
            var live = new LiveEvent(key, payload, withPayloads, message.ArrivedAt);
            foreach (var callback in _callbacks)
            {
                callback(live);
            }
        }
    }

    private LiveInjectorVertex Injector(LiveInjectorVertex? injector)
    {
        if (injector is not null)
        {
            return _session.Mapping.MachineGraph.Contains(injector)
                ? injector
                : throw new InvalidOperationException($"injector '{injector.Label}' is not in the mapped graph");
        }

        var all = Injectors;
        return all.Count == 1
            ? all[0]
            : throw new InvalidOperationException(all.Count == 0
                ? "the mapped graph has no LiveInjectorVertex; add one with edges to the vertices that should receive live input"
                : $"the mapped graph has {all.Count} injectors ({string.Join(", ", all.Select(i => i.Label))}); name the one to send through");
    }

    /// <summary>The cores of the gatherers, to recognise their messages.</summary>
    internal HashSet<CoreLocation> GathererCores() => [.. Gatherers.Select(g => _session.Mapping.Placements[g])];
}
