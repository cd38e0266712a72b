using SpiNNaker.Machine;

namespace SpiNNaker.Simulator;

/// <summary>Snapshots of the counters as plain data, and the energy model.</summary>
public sealed partial class Simulation
{
    /// <summary>Everything counted so far, with energy from the energy model of the <see cref="Cost"/>.</summary>
    public SimulationStatistics GetStatistics()
    {
        var routers = _routers.Select(r => new RouterStatistics
        {
            Chip = r.Chip,
            Routed = r.Hot.Routed,
            DefaultRouted = r.Hot.DefaultRouted,
            EmergencyRouted = r.EmergencyRouted,
            Dropped = r.Dropped,
            Reinjected = r.Reinjected,
            LostNoRoute = r.Hot.LostNoRoute,
            LostWithoutReinjector = r.LostWithoutReinjector,
            LostSecondDrop = r.LostSecondDrop,
            LostReinjectionQueueFull = r.LostReinjectionQueueFull,
            Traversals = r.Hot.Traversals40 + r.Hot.Traversals72,
        }).ToList();

        var links = new List<LinkStatistics>();
        foreach (var r in _routers)
        {
            foreach (var d in DirectionExtensions.All)
            {
                ref var link = ref _links[(r.Index * DirectionExtensions.LinkCount) + (int)d];
                if (link.Neighbour >= 0)
                {
                    links.Add(new LinkStatistics { Chip = r.Chip, Direction = d, Packets = link.Packets, BusyPicoseconds = link.Busy });
                }
            }
        }

        var cores = _loaded.OrderBy(c => c.Slot).Select(c => new CoreStatistics
        {
            Core = c.Location,
            Received = c.Received,
            Sent = c.Sent,
            SendFailures = c.Cold.SendFailures,
            BusyCycles = c.BusyCycles,
            CallbacksRun = c.CallbacksRun,
            LostCallbacks = c.Cold.LostCallbacks,
            MissedTimerTicks = c.Cold.MissedTimerTicks,
            IsDone = c.Cold.Finished,
        }).ToList();

        var totals = new TotalStatistics
        {
            PacketsSent = cores.Sum(c => c.Sent),
            PacketsInjected = _injected,
            PacketsReceived = cores.Sum(c => c.Received),
            Routed = routers.Sum(r => r.Routed),
            DefaultRouted = routers.Sum(r => r.DefaultRouted),
            EmergencyRouted = routers.Sum(r => r.EmergencyRouted),
            Dropped = routers.Sum(r => r.Dropped),
            Reinjected = routers.Sum(r => r.Reinjected),
            Lost = routers.Sum(r => r.Lost),
            LinkPackets = links.Sum(l => l.Packets),
            SendFailures = cores.Sum(c => c.SendFailures),
            LostCallbacks = cores.Sum(c => c.LostCallbacks),
            BusyCycles = cores.Sum(c => c.BusyCycles),
            SdpToCores = _sdpToCores,
            SdpToHost = _sdpToHost,
        };

        return new SimulationStatistics
        {
            SimulatedPicoseconds = Now,
            EventsProcessed = _eventsByKind.Sum(),
            Routers = routers,
            Links = links,
            Cores = cores,
            Totals = totals,
            Energy = Energy(),
        };
    }

    private EnergyReport Energy()
    {
        var seconds = SimulatedTime.ToSeconds(Now);
        var activeCorePicoseconds = 0L;
        foreach (var core in _loaded)
        {
            if (core.Cold.Started)
            {
                activeCorePicoseconds += (core.Cold.Finished ? Math.Min(core.Cold.DoneAt, Now) : Now) - core.Cold.StartedAt;
            }
        }

        var traversals40 = _routers.Sum(r => r.Hot.Traversals40);
        var traversals72 = _routers.Sum(r => r.Hot.Traversals72);
        return new EnergyReport
        {
            IdleJoules = _routers.Length * Cost.ChipIdleWatts * seconds,
            CoreJoules = Cost.ActiveCoreWatts * SimulatedTime.ToSeconds(activeCorePicoseconds),
            RouterJoules = Cost.RouterJoulesPerBit * ((40.0 * traversals40) + (72.0 * traversals72)),
        };
    }
}
