using System.Numerics;
using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>The routers: table lookup, multicast replication, back-pressure, emergency routing, drops and reinjection.</summary>
public sealed partial class Simulation
{
    private const uint AllLinks = 0x3F;

    /// <summary>The opposite of each link, (l + 3) mod 6, without a division on the hot path.</summary>
    private static ReadOnlySpan<byte> LinkOpposite => [3, 4, 5, 0, 1, 2];

    /// <summary>
    /// A packet reaches the output stage of <paramref name="router"/> now. A router that is
    /// not stalled forwards it at once; otherwise it queues behind the blocked packet
    /// (head-of-line blocking: the router is one pipeline).
    /// </summary>
    private void ArriveAtRouter(Router router, ref Packet packet, int source, int keyId = KeyRoutes.NoId)
    {
        if (_stalled[router.Index])
        {
            router.Fifo.Enqueue(in packet, source);
            return;
        }

        if (packet.IsEmergency ? TryForward(router, ref packet, allowEmergency: false) : TryForwardFresh(router, router.Index, packet.Key, packet.Payload, packet.Flags, packet.Ports, keyId))
        {
            AfterProcessed(router, packet.PhysicalPort, source);
            return;
        }

        router.Fifo.Enqueue(in packet, source);
        Stall(router);
    }

    /// <summary>
    /// The hot path of <see cref="TryForward"/> for a packet not on an emergency route, with
    /// emergency routing not yet allowed (a packet that has just arrived at a router that is
    /// not stalled): the same decisions, with blocked links found from the router's mask.
    /// </summary>
    private bool TryForwardFresh(Router router, int index, uint key, uint payload, byte flags, byte ports, int keyId)
    {
        if (keyId < 0)
        {
            keyId = _keyRoutes.IdOf(key);
            if (keyId >= 0)
            {
                _keyRoutes.PrefetchRoutes(keyId);
            }
        }

        int route;
        if (keyId >= 0)
        {
            ref var known = ref _keyRoutes.Route(keyId, index);
            if (known == KeyRoutes.Unknown)
            {
                known = router.LookupUncached(key);
            }

            route = known;
        }
        else
        {
            route = router.Lookup(key);
        }

        var defaultRouted = false;
        if (route < 0)
        {
            var logical = ports >> 4;
            if (logical >= DirectionExtensions.LinkCount)
            {
                router.Hot.LostNoRoute++;
                CountTraversal(router, flags);
                return true;
            }

            route = 1 << LinkOpposite[logical];
            defaultRouted = true;
        }

        var links = (uint)route & AllLinks;
        var cores = (uint)route >> RouteWord.FirstCoreBit;
        if ((cores & (~router.Hot.CoresLoaded | router.Hot.CoresHolding)) != 0 || (links & _linksBlocked[index]) != 0)
        {
            return false;
        }

        CountTraversal(router, flags);
        if (defaultRouted)
        {
            router.Hot.DefaultRouted++;
        }
        else
        {
            router.Hot.Routed++;
        }

        var hasPayload = (byte)(flags & Packet.HasPayloadFlag);
        for (var bits = links; bits != 0; bits &= bits - 1)
        {
            var l = BitOperations.TrailingZeroCount(bits);
            SendOnLink(index, l, key, payload, hasPayload, LinkOpposite[l], keyId);
        }

        if (cores != 0)
        {
            // The core table is indexed from the event's router number, not through the router
            // object, so the loads need not wait for one another.
            var loaded = _cores;
            var first = index * Chip.ProcessorsPerChip;
            for (var bits = cores; bits != 0; bits &= bits - 1)
            {
                DeliverToCore(loaded[first + BitOperations.TrailingZeroCount(bits)]!, key, payload, hasPayload != 0);
            }
        }

        return true;
    }

    /// <summary>
    /// Routes <paramref name="packet"/> if every output it needs can take it now, and then
    /// sends it to all of them at once; returns false (nothing sent) otherwise. With
    /// <paramref name="allowEmergency"/>, a blocked link output may be replaced by its
    /// emergency route. A packet that matches nothing is default-routed (arrived over a link)
    /// or lost (local), and counts as handled.
    /// </summary>
    private bool TryForward(Router router, ref Packet packet, bool allowEmergency)
    {
        int route;
        var defaultRouted = false;
        if (packet.IsEmergency)
        {
            // The middle chip of an emergency route: finish the triangle, no table lookup.
            route = 1 << (int)((Direction)packet.BlockedLink).EmergencySecondLeg();
        }
        else
        {
            route = router.Lookup(packet.Key);
            if (route < 0)
            {
                var logical = packet.LogicalPort;
                if (logical >= DirectionExtensions.LinkCount)
                {
                    router.Hot.LostNoRoute++;
                    CountTraversal(router, packet.Flags);
                    return true;
                }

                route = 1 << LinkOpposite[logical];
                defaultRouted = true;
            }
        }

        var links = (uint)route & AllLinks;
        var cores = (uint)route >> RouteWord.FirstCoreBit;

        // Every core output must be free: a core with an application whose communications
        // controller does not already hold a packet.
        if ((cores & (~router.Hot.CoresLoaded | router.Hot.CoresHolding)) != 0)
        {
            return false;
        }

        // Link outputs need a working link with buffer space.
        var blocked = links & _linksBlocked[router.Index];
        if (blocked != 0 && !CanRouteAround(router, in packet, links, blocked, allowEmergency))
        {
            return false;
        }

        CountTraversal(router, packet.Flags);
        if (defaultRouted)
        {
            router.Hot.DefaultRouted++;
        }
        else if (!packet.IsEmergency)
        {
            router.Hot.Routed++;
        }

        var hasPayload = (byte)(packet.Flags & Packet.HasPayloadFlag);
        for (var bits = links & ~blocked; bits != 0; bits &= bits - 1)
        {
            var l = BitOperations.TrailingZeroCount(bits);
            if (packet.IsEmergency)
            {
                // Second leg: the destination treats it as arriving straight along the blocked link.
                var logical = ((int)((Direction)packet.BlockedLink).Opposite());
                SendOnLink(router.Index, l, packet.Key, packet.Payload, hasPayload, logical);
            }
            else
            {
                SendOnLink(router.Index, l, packet.Key, packet.Payload, hasPayload, LinkOpposite[l]);
            }
        }

        for (var bits = blocked; bits != 0; bits &= bits - 1)
        {
            var l = BitOperations.TrailingZeroCount(bits);
            var first = (int)((Direction)l).EmergencyFirstLeg();
            router.EmergencyRouted++;
            SendOnLink(router.Index, first, packet.Key, packet.Payload, (byte)(hasPayload | Packet.EmergencyFlag | (l << Packet.BlockedLinkShift)), Packet.NoPort);
        }

        var loaded = router.Cores;
        for (var bits = cores; bits != 0; bits &= bits - 1)
        {
            DeliverToCore(loaded[BitOperations.TrailingZeroCount(bits)]!, packet.Key, packet.Payload, packet.HasPayload);
        }

        return true;
    }

    /// <summary>
    /// Whether every blocked link output can take the emergency route (the next link
    /// anticlockwise, with buffer space counted per use). Only for packets not already on an
    /// emergency route, and only once wait1 has passed.
    /// </summary>
    private bool CanRouteAround(Router router, in Packet packet, uint links, uint blocked, bool allowEmergency)
    {
        if (!allowEmergency || !Options.EmergencyRouting || packet.IsEmergency)
        {
            return false;
        }

        Span<int> uses = stackalloc int[DirectionExtensions.LinkCount];
        for (var bits = links & ~blocked; bits != 0; bits &= bits - 1)
        {
            uses[BitOperations.TrailingZeroCount(bits)]++;
        }

        for (var bits = blocked; bits != 0; bits &= bits - 1)
        {
            var first = (int)((Direction)BitOperations.TrailingZeroCount(bits)).EmergencyFirstLeg();
            uses[first]++;
            ref var link = ref _links[(router.Index * DirectionExtensions.LinkCount) + first];
            if (link.Neighbour < 0 || link.Credits < uses[first])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Puts a packet on a link: it uses a buffer slot and leaves when the link has sent the packets before it.</summary>
    private void SendOnLink(int index, int link, uint key, uint payload, byte flags, int logicalPort, int keyId = KeyRoutes.NoId)
    {
        ref var state = ref _links[(index * DirectionExtensions.LinkCount) + link];
        if (--state.Credits == 0)
        {
            _linksBlocked[index] |= 1u << link;
        }

        var serialise = (flags & Packet.HasPayloadFlag) != 0 ? _link72 : _link40;
        var depart = Math.Max(Now, state.FreeAt);
        var arrive = depart + serialise;
        state.FreeAt = arrive;
        state.Packets++;
        state.Busy += serialise;
        _queue.Push(arrive + _routerLatency, EventKind.LinkArrive, state.Neighbour, flags, Packet.MakePorts(LinkOpposite[link], logicalPort), key, payload, keyId);
    }

    private static void CountTraversal(Router router, byte flags)
    {
        if ((flags & Packet.HasPayloadFlag) != 0)
        {
            router.Hot.Traversals72++;
        }
        else
        {
            router.Hot.Traversals40++;
        }
    }

    /// <summary>
    /// A packet has left the router (forwarded, dropped or lost): its link buffer slot goes
    /// back to the sender, and a core or reinjector waiting to send its next packet is told.
    /// </summary>
    private void AfterProcessed(Router router, int physicalPort, int source) => AfterProcessed(router, router.Index, physicalPort, source);

    private void AfterProcessed(Router router, int index, int physicalPort, int source)
    {
        if (physicalPort < DirectionExtensions.LinkCount)
        {
            var inbound = _inboundLinks[(index * DirectionExtensions.LinkCount) + physicalPort];
            var upstream = inbound / DirectionExtensions.LinkCount;
            if (++_links[inbound].Credits == 1)
            {
                _linksBlocked[upstream] &= ~(1u << LinkOpposite[physicalPort]);
            }

            if (_stalled[upstream])
            {
                ScheduleRetry(_routers[upstream]);
            }
        }

        if (source >= 0)
        {
            ContinueSendChain(_cores[source]!);
        }
        else if (source == PacketFifo.ReinjectorSource)
        {
            ScheduleReinjection(router, Now + (Cost.ReinjectorSendCycles * CoreCycle));
        }
    }

    private void Stall(Router router)
    {
        _stalled[router.Index] = true;
        router.Hot.StallPhase = 1;
        router.StallGeneration++;
        _queue.Push(Now + _wait1, EventKind.RouterDeadline, router.Index, 0, 0, router.StallGeneration, 0);
    }

    /// <summary>Something the stalled router waits for may have freed up: try again at once.</summary>
    private void ScheduleRetry(Router router)
    {
        if (!router.Hot.RetryScheduled)
        {
            router.Hot.RetryScheduled = true;
            _queue.Push(Now, EventKind.RouterRetry, router.Index, 0, 0, 0, 0);
        }
    }

    private void Retry(Router router)
    {
        router.Hot.RetryScheduled = false;
        if (!_stalled[router.Index])
        {
            return;
        }

        ref var head = ref router.Fifo.PeekPacket();
        if (TryForward(router, ref head, allowEmergency: router.Hot.StallPhase == 2))
        {
            FinishHead(router);
        }
    }

    /// <summary>wait1 expired: try emergency routing; wait2 expired (or is 0): drop the blocked packet.</summary>
    private void Deadline(Router router, uint generation)
    {
        if (!_stalled[router.Index] || generation != router.StallGeneration)
        {
            return;
        }

        ref var head = ref router.Fifo.PeekPacket();
        if (router.Hot.StallPhase == 1)
        {
            if (TryForward(router, ref head, allowEmergency: true))
            {
                FinishHead(router);
                return;
            }

            router.Hot.StallPhase = 2;
            if (_wait2 > 0)
            {
                _queue.Push(Now + _wait2, EventKind.RouterDeadline, router.Index, 0, 0, router.StallGeneration, 0);
                return;
            }
        }

        Drop(router, in head);
        FinishHead(router);
    }

    /// <summary>The blocked packet has gone: the router runs again and drains its queue until it empties or blocks.</summary>
    private void FinishHead(Router router)
    {
        var packet = router.Fifo.PeekPacket();
        var source = router.Fifo.PeekSource();
        router.Fifo.Dequeue();
        _stalled[router.Index] = false;
        AfterProcessed(router, packet.PhysicalPort, source);
        while (!_stalled[router.Index] && router.Fifo.Count > 0)
        {
            ref var next = ref router.Fifo.PeekPacket();
            if (TryForward(router, ref next, allowEmergency: false))
            {
                packet = next;
                source = router.Fifo.PeekSource();
                router.Fifo.Dequeue();
                AfterProcessed(router, packet.PhysicalPort, source);
            }
            else
            {
                Stall(router);
            }
        }
    }

    /// <summary>
    /// The router gives up on a packet. It is latched in the dropped-packet register when that
    /// is empty (the reinjector reads it shortly); a drop while the register is full is lost
    /// for good, as is every drop without a reinjector.
    /// </summary>
    private void Drop(Router router, in Packet packet)
    {
        router.Dropped++;
        CountTraversal(router, packet.Flags);
        if (!Options.Reinjection)
        {
            router.LostWithoutReinjector++;
            return;
        }

        if (router.DumpFull)
        {
            router.LostSecondDrop++;
            return;
        }

        router.DumpFull = true;
        router.Dump = packet;
        _queue.Push(Now + (Cost.ReinjectorReadCycles * CoreCycle), EventKind.ReinjectorRead, router.Index, 0, 0, 0, 0);
    }

    private void ReadDroppedPacketRegister(Router router)
    {
        if (!router.DumpFull)
        {
            return;
        }

        router.DumpFull = false;
        if (router.ReinjectionCount == router.ReinjectionQueue.Length)
        {
            router.LostReinjectionQueueFull++;
            return;
        }

        var tail = (router.ReinjectionHead + router.ReinjectionCount) % router.ReinjectionQueue.Length;
        router.ReinjectionQueue[tail] = router.Dump;
        router.ReinjectionCount++;
        if (!router.ReinjectorActive)
        {
            ScheduleReinjection(router, Now + (Cost.ReinjectorSendCycles * CoreCycle));
        }
    }

    private void ScheduleReinjection(Router router, long time)
    {
        if (router.ReinjectionCount == 0)
        {
            router.ReinjectorActive = false;
            return;
        }

        router.ReinjectorActive = true;
        _queue.Push(time, EventKind.ReinjectorSend, router.Index, 0, 0, 0, 0);
    }

    /// <summary>
    /// The reinjector re-sends its oldest dropped packet through the router, which treats it
    /// as arriving on the link it first came in on (so default routing still applies). One
    /// packet at a time: the next goes when this one has left the router.
    /// </summary>
    private void Reinject(Router router)
    {
        var packet = router.ReinjectionQueue[router.ReinjectionHead];
        router.ReinjectionHead = (router.ReinjectionHead + 1) % router.ReinjectionQueue.Length;
        router.ReinjectionCount--;
        router.Reinjected++;
        packet.Ports = Packet.MakePorts(Packet.NoPort, packet.LogicalPort);
        ArriveAtRouter(router, ref packet, PacketFifo.ReinjectorSource);
    }
}
