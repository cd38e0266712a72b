using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Live;

/// <summary>
/// Live output: a core on the Ethernet chip that forwards the multicast packets routed to it
/// to the host in EIEIO messages (<see cref="LivePacketGathererApplication"/>). Add edges from
/// the partitions the host should see to it; the host receives them through
/// <see cref="LiveEventConnection"/>.
/// </summary>
public sealed class LivePacketGathererVertex : MachineVertex
{
    /// <summary>The SDP port the gatherer sends from.</summary>
    public const int SdpPort = 2;

    /// <summary>Creates the gatherer on the Ethernet chip of board <paramref name="board"/>.</summary>
    public LivePacketGathererVertex(string label, int board = 0)
        : base(label)
    {
        Board = board;
        AddConstraint(new EthernetChipConstraint(board));
    }

    /// <summary>How often a message that is not full is sent anyway, in microseconds (default 20).</summary>
    public int FlushPeriodMicroseconds { get; init; } = 20;

    /// <summary>The board whose Ethernet chip the gatherer runs on.</summary>
    public int Board { get; }

    /// <inheritdoc/>
    public override ResourceRequirements Resources => new(6 * 4 + EieioMessage.MaxBytes, 64);

    /// <inheritdoc/>
    public override bool IsService => true;

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new LivePacketGathererApplication();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context) =>
        [new DataRegionWriter().Write((uint)SdpPort).Write((uint)FlushPeriodMicroseconds).ToRegion(LivePacketGathererApplication.ConfigRegion)];
}
