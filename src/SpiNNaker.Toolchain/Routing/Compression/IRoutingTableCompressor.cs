using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Keys;

namespace SpiNNaker.Toolchain.Routing.Compression;

/// <summary>
/// Makes a routing table shorter without changing where any packet that can reach the chip
/// goes. Keys that match no input entry and are not listed as must-not-match never reach
/// the chip, so the result may route them anywhere.
/// </summary>
public interface IRoutingTableCompressor
{
    /// <summary>The algorithm's name, for reports.</summary>
    string Name { get; }

    /// <summary>
    /// An ordered (first match wins) table equivalent to <paramref name="entries"/> for their
    /// keys, matching none of <paramref name="mustNotMatch"/> (keys left to default routing).
    /// </summary>
    /// <param name="entries">Entries that share no key, in any order.</param>
    /// <param name="mustNotMatch">Key sets no output entry may match.</param>
    IReadOnlyList<RoutingEntry> Compress(IReadOnlyList<RoutingEntry> entries, IReadOnlyList<KeyAndMask> mustNotMatch);
}
