using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Routing.Tables;

/// <summary>Orders chips by x, then y, so tables and reports list chips the same way every run.</summary>
public sealed class ChipOrder : IComparer<ChipCoordinate>
{
    /// <summary>The one instance.</summary>
    public static ChipOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(ChipCoordinate x, ChipCoordinate y) => x.X != y.X ? x.X.CompareTo(y.X) : x.Y.CompareTo(y.Y);
}
