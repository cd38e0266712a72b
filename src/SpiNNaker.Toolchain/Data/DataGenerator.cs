using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Data;

/// <summary>
/// The data generation pass: asks every machine vertex for its SDRAM regions (after key
/// allocation, so they can hold keys) and charges them: a vertex's regions must fit the SDRAM
/// it declared, and the vertices of a chip the chip's SDRAM.
/// </summary>
public sealed class DataGenerator
{
    /// <summary>Generates the data of every vertex of <paramref name="mapping"/>.</summary>
    /// <exception cref="ResourceException">A vertex's data exceeds what it declared, or a region id repeats.</exception>
    public GeneratedData Generate(Mapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var regions = new Dictionary<MachineVertex, IReadOnlyList<SdramRegionData>>();
        foreach (var vertex in mapping.MachineGraph.Vertices)
        {
            var data = vertex.GenerateData(new DataGenerationContext(mapping, vertex));
            var bytes = data.Sum(r => (long)r.Bytes.Length);
            if (bytes > vertex.Resources.SdramBytes)
            {
                throw new ResourceException(
                    $"machine vertex '{vertex.Label}' generated {bytes:N0} B of SDRAM data in {data.Count} regions ({string.Join(", ", data.Select(r => $"region {r.Id}: {r.Bytes.Length:N0} B"))}) but declared {vertex.Resources.SdramBytes:N0} B");
            }

            if (data.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                throw new ResourceException($"machine vertex '{vertex.Label}' generated region {repeated.Key} {repeated.Count()} times");
            }

            regions[vertex] = data;
        }

        var generated = new GeneratedData(regions);

        // Chip totals of what was actually generated, checked independently of the placer.
        new ResourceChecker().Check(mapping.MachineGraph, mapping.Placements, mapping.Machine, generated.BytesOf);
        return generated;
    }
}
