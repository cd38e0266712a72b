using SpiNNaker.Toolchain.Graphs;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Graph;

/// <summary>Every atom of a vertex to every other atom of the same vertex (a layer's softmax and kernel-update exchanges): no atom hears itself.</summary>
internal sealed class AllToOthersConnectivity : IAtomConnectivity
{
    /// <summary>The one instance.</summary>
    public static AllToOthersConnectivity Instance { get; } = new();

    private AllToOthersConnectivity()
    {
    }

    /// <summary>Whether some atom of <paramref name="pre"/> differs from some atom of <paramref name="post"/>.</summary>
    public bool Connects(Slice pre, Slice post) => pre.Count > 1 || post.Count > 1 || pre.LoAtom != post.LoAtom;
}
