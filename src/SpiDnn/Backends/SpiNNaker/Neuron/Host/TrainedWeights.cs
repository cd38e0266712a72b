using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiNNaker.Toolchain.Running;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Host;

/// <summary>
/// Reads the trained weights back into the model once every core is done (each core copied
/// its weights from DTCM to its weights region before finishing): a Dense neuron's region is
/// its kernel column and bias; every neuron of a Conv1D layer holds the whole kernel, and all
/// copies must be identical.
/// </summary>
internal static class TrainedWeights
{
    /// <summary>Copies the weights of every layer of <paramref name="graph"/> into the model's tensors.</summary>
    /// <exception cref="SpiNNakerRunException">The copies of a Conv1D kernel differ.</exception>
    public static void ReadInto(NeuronGraph graph, MachineSession session)
    {
        foreach (var layer in graph.Layers)
        {
            switch (layer)
            {
                case PerceptronLayerVertex dense:
                    ReadDense(dense, session);
                    break;
                case Conv1DLayerVertex conv:
                    ReadConv(conv, session);
                    break;
            }
        }
    }

    private static void ReadDense(PerceptronLayerVertex layer, MachineSession session)
    {
        var kernel = layer.Layer.Weights[0].Span;
        var bias = layer.Layer.Weights[1].Span;
        var n = layer.InputCount;
        var units = layer.Layer.Units;
        foreach (var vertex in session.Mapping.MachineGraph.MachineVerticesOf(layer).Cast<PerceptronVertex>())
        {
            var weights = Extractor.ToSingles(session.ReadRegion(vertex, NeuronRegions.Weights));
            for (var i = 0; i < n; i++)
            {
                kernel[(i * units) + vertex.Neuron] = weights[i];
            }
            bias[vertex.Neuron] = weights[n];
        }
    }

    private static void ReadConv(Conv1DLayerVertex layer, MachineSession session)
    {
        var conv = layer.Layer;
        var vertices = session.Mapping.MachineGraph.MachineVerticesOf(layer).Cast<Conv1DNeuronVertex>().ToList();
        var reference = Extractor.ToSingles(session.ReadRegion(vertices[0], NeuronRegions.Weights));
        foreach (var vertex in vertices.Skip(1))
        {
            var copy = Extractor.ToSingles(session.ReadRegion(vertex, NeuronRegions.Weights));
            for (var i = 0; i < reference.Length; i++)
            {
                if (BitConverter.SingleToUInt32Bits(copy[i]) != BitConverter.SingleToUInt32Bits(reference[i]))
                {
                    throw new SpiNNakerRunException(
                        $"the kernel copies of layer '{layer.Label}' differ after training: neuron {vertex.Position} has {copy[i]:R} at weight {i}, neuron 0 has {reference[i]:R}");
                }
            }
        }
        var filters = conv.Filters;
        var window = conv.KernelSize * conv.Channels;
        var kernel = conv.Weights[0].Span;
        var bias = conv.Weights[1].Span;
        for (var f = 0; f < filters; f++)
        {
            for (var kc = 0; kc < window; kc++)
            {
                kernel[(kc * filters) + f] = reference[(f * (window + 1)) + kc];
            }
            bias[f] = reference[(f * (window + 1)) + window];
        }
    }
}
