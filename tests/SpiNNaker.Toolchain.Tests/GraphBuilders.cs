using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Tests;

/// <summary>Small graphs the tests share.</summary>
internal static class GraphBuilders
{
    public static ResourceRequirements Small => new(1_000, 10_000);

    /// <summary>A machine graph of <paramref name="count"/> vertices v0..v(n-1).</summary>
    public static (MachineGraph Graph, SimpleMachineVertex[] Vertices) Vertices(int count, ResourceRequirements? resources = null)
    {
        var graph = new MachineGraph();
        var vertices = new SimpleMachineVertex[count];
        for (var i = 0; i < count; i++)
        {
            vertices[i] = graph.AddVertex(new SimpleMachineVertex($"v{i}", resources ?? Small));
        }

        return (graph, vertices);
    }

    /// <summary>
    /// Layers of <paramref name="sizes"/> atoms, each fully connected to the next on
    /// "forward", with <paramref name="atomsPerCore"/> atoms per core.
    /// </summary>
    public static (ApplicationGraph Graph, SimpleApplicationVertex[] Layers) Layers(int atomsPerCore, params int[] sizes)
    {
        var graph = new ApplicationGraph();
        var layers = new SimpleApplicationVertex[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            layers[i] = graph.AddVertex(new SimpleApplicationVertex($"layer{i}", sizes[i], new ResourceRequirements(100, 1_000), new ResourceRequirements(1_000, 4_000), atomsPerCore));
            if (i > 0)
            {
                graph.AddEdge(layers[i - 1], layers[i], "forward");
            }
        }

        return (graph, layers);
    }
}
