using SpiNNaker.Machine;

namespace SpiNNaker.Simulator.Tests;

/// <summary>A configurable test application that records what it receives and when.</summary>
internal sealed class Probe : CoreApplication
{
    public int PacketPriority { get; init; } = CallbackPriority.Fiq;

    public int TimerPriority { get; init; } = CallbackPriority.Immediate;

    public int UserPriority { get; init; } = CallbackPriority.FirstQueued;

    public int DmaPriority { get; init; } = CallbackPriority.Immediate;

    public int SdpPriority { get; init; } = CallbackPriority.Immediate;

    /// <summary>Cycles each packet callback charges.</summary>
    public long PacketCycles { get; set; }

    public Action<ICoreContext>? Start { get; init; }

    public Action<ICoreContext, uint>? Timer { get; init; }

    public Action<ICoreContext, uint, uint>? User { get; init; }

    public Action<ICoreContext, uint>? Dma { get; init; }

    public Action<ICoreContext, int, byte[]>? Sdp { get; init; }

    public Action<ICoreContext, uint, uint?>? Packet { get; init; }

    public ICoreContext Context { get; private set; } = null!;

    public List<(uint Key, uint? Payload, long Time)> Received { get; } = [];

    public List<(uint Tick, long Time)> Ticks { get; } = [];

    public override void OnStart(ICoreContext context)
    {
        Context = context;
        context.RegisterCallback(CallbackEvent.MulticastPacket, PacketPriority);
        context.RegisterCallback(CallbackEvent.MulticastPacketWithPayload, PacketPriority);
        context.RegisterCallback(CallbackEvent.TimerTick, TimerPriority);
        context.RegisterCallback(CallbackEvent.UserEvent, UserPriority);
        context.RegisterCallback(CallbackEvent.DmaDone, DmaPriority);
        context.RegisterCallback(CallbackEvent.SdpMessage, SdpPriority);
        Start?.Invoke(context);
    }

    public override void OnMulticastPacket(uint key) => OnPacket(key, null);

    public override void OnMulticastPacketWithPayload(uint key, uint payload) => OnPacket(key, payload);

    public override void OnTimerTick(uint tick)
    {
        Ticks.Add((tick, Context.Now));
        Timer?.Invoke(Context, tick);
    }

    public override void OnUserEvent(uint argument0, uint argument1) => User?.Invoke(Context, argument0, argument1);

    public override void OnDmaDone(uint tag) => Dma?.Invoke(Context, tag);

    public override void OnSdpMessage(int port, ReadOnlySpan<byte> data) => Sdp?.Invoke(Context, port, data.ToArray());

    private void OnPacket(uint key, uint? payload)
    {
        Received.Add((key, payload, Context.Now));
        Context.ChargeCycles(PacketCycles);
        Packet?.Invoke(Context, key, payload);
    }
}

/// <summary>Builders for small tables and the timing constants tests compare against.</summary>
internal static class Fixtures
{
    public static readonly CostModel Cost = CostModel.Default;

    public static long Cycle => Cost.CoreCyclePicoseconds;

    public static long Hop => Cost.RouterLatencyPicoseconds;

    public static long Link40 => Cost.LinkPacketTime40BitPicoseconds;

    public static long Link72 => Cost.LinkPacketTime72BitPicoseconds;

    /// <summary>The receive interrupt: a packet callback starts this long after the packet reaches the core.</summary>
    public static long Rx => Cost.PacketReceivedInterruptCycles * Cycle;

    public static RoutingTable Table(params (uint Key, uint Mask, RouteWord Route)[] entries)
    {
        var table = new RoutingTable();
        foreach (var (key, mask, route) in entries)
        {
            table.Add(key, mask, route);
        }

        return table;
    }

    public static RouteWord Cores(params int[] cores) => cores.Aggregate(RouteWord.Empty, (r, p) => r.WithCore(p));

    public static RouteWord Links(params Direction[] links) => links.Aggregate(RouteWord.Empty, (r, l) => r.WithLink(l));
}
