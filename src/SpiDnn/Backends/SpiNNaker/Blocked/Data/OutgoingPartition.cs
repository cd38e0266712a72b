using SpiNNaker.Toolchain.Data;
namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// A partition a core sends on: its key block, the local values it sends per example in
/// index order, and its TDMA pacing (section 8 of the design).
/// </summary>
/// <param name="BaseKey">The partition's first key.</param>
/// <param name="IndexBits">Bits of the index below the slot.</param>
/// <param name="Slotted">Whether keys carry a pipeline slot above the index.</param>
/// <param name="Kind">What the packets carry.</param>
/// <param name="Sources">For each index, the sender's local position of the value (an output, an input error, a filter block's delta, ...).</param>
/// <param name="Pacing">When the sender may send.</param>
internal sealed record OutgoingPartition(uint BaseKey, int IndexBits, bool Slotted, FlowKind Kind, IReadOnlyList<int> Sources, SendPacing Pacing)
{
    public void Write(DataRegionWriter writer)
    {
        writer.Write(BaseKey).Write(IndexBits).Write(Slotted ? 1 : 0).Write((int)Kind);
        writer.Write(Pacing.PeriodPicoseconds).Write(Pacing.PhasePicoseconds).Write(Pacing.WindowPicoseconds);
        // An identity list (a reduction's weights in order) is stored as its length alone.
        var identity = IsIdentity(Sources);
        writer.Write(Sources.Count).Write(identity ? 1 : 0);
        if (!identity)
        {
            foreach (var source in Sources)
            {
                writer.Write(source);
            }
        }
    }

    /// <summary>Whether <paramref name="sources"/> is 0, 1, 2, ... (long enough to be worth not storing).</summary>
    public static bool IsIdentity(IReadOnlyList<int> sources)
    {
        if (sources.Count < 16)
        {
            return false;
        }

        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
