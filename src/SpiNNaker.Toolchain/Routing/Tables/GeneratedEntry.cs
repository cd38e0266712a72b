using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Routing.Tables;

/// <summary>
/// One entry of a chip's table as generated from a tree and a partition's keys, with the
/// partition it serves and whether it only passes packets straight through (then the
/// router's default routing does the same without it).
/// </summary>
/// <param name="Entry">The key, mask and route.</param>
/// <param name="Partition">The partition whose keys it matches.</param>
/// <param name="IsStraightThrough">Whether packets arrive over a link and leave by the opposite link only.</param>
public readonly record struct GeneratedEntry(RoutingEntry Entry, OutgoingEdgePartition Partition, bool IsStraightThrough);
