using SpiNNaker.Machine;

namespace SpiNNaker.Toolchain.Routing;

/// <summary>
/// What one chip of a multicast tree does with the partition's packets: where they arrive
/// from and where they go.
/// </summary>
/// <param name="Chip">The chip.</param>
/// <param name="ArrivedBy">The direction the packets travelled on the link they arrived by (the parent chip's output link), or null at the source chip.</param>
/// <param name="Route">The links and cores they leave to.</param>
public readonly record struct TreeHop(ChipCoordinate Chip, Direction? ArrivedBy, RouteWord Route)
{
    /// <summary>
    /// Whether the chip only passes the packets straight on: they arrive over a link and
    /// leave by the opposite one, to no core. The router does that with no entry ("default
    /// routing"), so the entry can be left out.
    /// </summary>
    public bool IsStraightThrough => ArrivedBy is { } d && Route == RouteWord.ToLink(d);
}
