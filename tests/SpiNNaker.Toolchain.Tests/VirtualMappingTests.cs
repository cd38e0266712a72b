using System.Text.Json;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Tests;

public class VirtualMappingTests
{
    [Fact]
    public void SpiNNaker1M_HasTheSizeOf1200Boards()
    {
        var machine = VirtualMachines.SpiNNaker1M();

        Assert.Equal(57_600, machine.ChipCount);
        Assert.Equal(57_600 * 17, machine.ApplicationCoreCount);
        Assert.Equal(1_036_800, machine.WorkingProcessorCount);
        Assert.Equal(1_200, machine.EthernetChips.Count);
    }

    [Fact]
    public void GraphOnSpiNNaker1M_IsMappedAndReportedWithoutRunning()
    {
        // 6 layers of 15,000 neurons, 10 per core, each neuron connected to 6 neurons near
        // it in the next layer: 9,000 cores, far beyond what a simulation could run here.
        var random = new Random(9);
        var graph = new ApplicationGraph();
        SimpleApplicationVertex? previous = null;
        for (var l = 0; l < 6; l++)
        {
            var layer = graph.AddVertex(new SimpleApplicationVertex($"L{l}", 15_000, new ResourceRequirements(1_000, 1_000), new ResourceRequirements(1_000, 1_000), maxAtomsPerCore: 10));
            if (previous is not null)
            {
                graph.AddEdge(previous, layer, "forward", new ConnectionListConnectivity(
                    Enumerable.Range(0, 15_000).SelectMany(a => Enumerable.Range(0, 6).Select(_ => (a, Math.Clamp(a + random.Next(-25, 26), 0, 14_999))))));
            }

            previous = layer;
        }

        var mapping = new Mapper().Map(graph, VirtualMachines.SpiNNaker1M());
        var summary = mapping.CreateReport().Summary;

        Assert.Equal(9_000, summary.MachineVertices);
        Assert.Equal(9_000, mapping.Placements.Select(p => p.Core).Distinct().Count());
        Assert.Equal(mapping.Placements.ChipCount, summary.ChipsUsed);
        Assert.True(summary.ChipsUsed >= 9_000 / 17, $"{summary.ChipsUsed} chips cannot hold 9,000 cores");
        Assert.True(summary.FinalEntriesMax <= 1023);
        Assert.Equal(mapping.Tables.Sizes.Max(s => s.Generated), summary.GeneratedEntriesMax);
        using var json = JsonDocument.Parse(mapping.CreateReport().ToJson(detail: false));
        Assert.Equal(979_200, json.RootElement.GetProperty("summary").GetProperty("machineApplicationCores").GetInt32());
        Assert.Equal(summary.ChipsWithTables, json.RootElement.GetProperty("tables").GetArrayLength());

        // Spot-check delivery through the loaded tables for every 50th partition.
        var sample = mapping.RoutingInfo.Partitions.Where((_, i) => i % 50 == 0).ToList();
        foreach (var keys in sample)
        {
            var expected = keys.Partition.Targets.Select(t => mapping.Placements[t]).OrderBy(c => (c.X, c.Y, c.P));
            Assert.Equal(expected, PacketTracer.Trace(mapping.Machine, mapping.Tables.Tables, mapping.Placements[keys.Partition.Source], keys.KeyFor(0)));
        }
    }
}
