using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// A partition a core receives, as its data describes it: the key block, how a key splits
/// into slot and index, and where each index goes in the core's buffers.
/// </summary>
/// <param name="BaseKey">The partition's first key.</param>
/// <param name="IndexBits">Bits of the index below the slot.</param>
/// <param name="Slotted">Whether keys carry a pipeline slot above the index.</param>
/// <param name="Kind">What the packets carry.</param>
/// <param name="Map">For each index, the receiving core's local position (for example the input's offset in its window).</param>
internal sealed record IncomingPartition(uint BaseKey, int IndexBits, bool Slotted, FlowKind Kind, IReadOnlyList<int> Map)
{
    public void Write(DataRegionWriter writer)
    {
        writer.Write(BaseKey).Write(IndexBits).Write(Slotted ? 1 : 0).Write((int)Kind).WriteArray([.. Map]);
    }
}
