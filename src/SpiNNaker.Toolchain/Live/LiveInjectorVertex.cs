using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Live;

/// <summary>
/// Live input: a core on the Ethernet chip that turns the host's EIEIO messages into
/// multicast packets (<see cref="LiveInjectorApplication"/>). Give it outgoing partitions
/// (edges to the vertices that should receive the events) with the number of keys each
/// needs; the host sends with <see cref="LiveEventConnection"/>.
/// </summary>
public sealed class LiveInjectorVertex : MachineVertex
{
    /// <summary>The SDP port the injector listens on.</summary>
    public const int SdpPort = 1;

    private readonly Dictionary<string, int> _keyCounts;

    /// <summary>Creates the injector on the first board's Ethernet chip.</summary>
    /// <param name="label">Its name.</param>
    /// <param name="partitions">The partitions it sends on and the keys of each (partitions not listed get one key).</param>
    public LiveInjectorVertex(string label, params (string Identifier, int Keys)[] partitions)
        : this(label, 0, partitions)
    {
    }

    /// <summary>Creates the injector on the Ethernet chip of board <paramref name="board"/>.</summary>
    /// <param name="label">Its name.</param>
    /// <param name="board">The board, 0 for the first.</param>
    /// <param name="partitions">The partitions it sends on and the keys of each (partitions not listed get one key).</param>
    public LiveInjectorVertex(string label, int board, params (string Identifier, int Keys)[] partitions)
        : base(label)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _keyCounts = partitions.ToDictionary(p => p.Identifier, p => p.Keys);
        Board = board;
        AddConstraint(new EthernetChipConstraint(board));
    }

    /// <summary>Events that may wait for the send queue (DTCM ring).</summary>
    public int RingCapacity { get; init; } = 256;

    /// <summary>How often events that found the send queue full are retried, in microseconds (default 10).</summary>
    public int RetryPeriodMicroseconds { get; init; } = 10;

    /// <summary>
    /// Cycles the injector waits before each send (default 200: 1 us at 200 MHz, so at most one
    /// event per microsecond leaves, a little below what 100 Mbit/s Ethernet brings in, and a
    /// receiving core has a microsecond per packet).
    /// </summary>
    public int SendIntervalCycles { get; init; } = 200;

    /// <summary>The board whose Ethernet chip the injector runs on.</summary>
    public int Board { get; }

    /// <inheritdoc/>
    public override ResourceRequirements Resources => new(16 * 4 + (RingCapacity * 9) + EieioMessage.MaxBytes, 64);

    /// <inheritdoc/>
    public override bool IsService => true;

    /// <inheritdoc/>
    public override int KeyCountFor(string partitionIdentifier) => _keyCounts.GetValueOrDefault(partitionIdentifier, 1);

    /// <inheritdoc/>
    public override CoreApplication CreateCoreApplication() => new LiveInjectorApplication();

    /// <inheritdoc/>
    public override IReadOnlyList<SdramRegionData> GenerateData(DataGenerationContext context) =>
        [new DataRegionWriter().Write((uint)SdpPort).Write((uint)RetryPeriodMicroseconds).Write((uint)RingCapacity).Write((uint)SendIntervalCycles).ToRegion(LiveInjectorApplication.ConfigRegion)];
}
