using System.Globalization;
using System.Text;
using System.Text.Json;
using SpiNNaker.Toolchain.Routing.Compression;

namespace SpiNNaker.Toolchain.Reports;

/// <summary>
/// What a mapping did, for people (text) and programs (JSON): a summary, every placement,
/// every partition's keys and tree size, and each chip's table size before and after
/// compression. Pass timings are included only on request, so that the same mapping gives
/// the same report byte for byte.
/// </summary>
public sealed class MappingReport
{
    private readonly Mapping _mapping;

    private MappingReport(Mapping mapping, MappingSummary summary)
    {
        _mapping = mapping;
        Summary = summary;
    }

    /// <summary>The headline numbers.</summary>
    public MappingSummary Summary { get; }

    /// <summary>The sizes of every chip's table before and after compression.</summary>
    public IReadOnlyList<TableSizes> TableSizes => _mapping.Tables.Sizes;

    /// <summary>Builds the report of <paramref name="mapping"/>.</summary>
    public static MappingReport Create(Mapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sizes = mapping.Tables.Sizes;
        var summary = new MappingSummary(
            mapping.Machine.ToString(),
            mapping.Machine.ChipCount,
            mapping.Machine.ApplicationCoreCount,
            mapping.MachineGraph.ApplicationVertices.Count(),
            mapping.MachineGraph.Vertices.Count,
            mapping.MachineGraph.Partitions.Count,
            mapping.MachineGraph.EdgeCount,
            mapping.Placements.ChipCount,
            mapping.Trees.LinkCount,
            sizes.Count,
            sizes.Sum(s => (long)s.Generated),
            sizes.Count == 0 ? 0 : sizes.Max(s => s.Generated),
            sizes.Sum(s => (long)s.Final),
            sizes.Count == 0 ? 0 : sizes.Max(s => s.Final),
            sizes.Count(s => s.Compressed),
            mapping.CompressorName,
            mapping.Resources.SdramUsed,
            mapping.RoutingInfo.Partitions.Sum(k => (long)k.KeyCount),
            mapping.Resources.DtcmUsed,
            mapping.MachineGraph.Vertices.Count == 0 ? 0 : mapping.MachineGraph.Vertices.Max(v => v.Resources.DtcmBytes),
            mapping.Resources.Chips.Count == 0 ? 0 : mapping.Resources.Chips.Max(c => c.SdramUsed));
        return new MappingReport(mapping, summary);
    }

    /// <summary>The report as text; <paramref name="detail"/> false gives the summary and table sizes only.</summary>
    public string ToText(bool detail = true, bool includeTimings = false)
    {
        var s = Summary;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Mapping report");
        text.AppendLine(c, $"  machine:            {s.Machine}");
        text.AppendLine(c, $"  application vertices {s.ApplicationVertices:N0}, machine vertices {s.MachineVertices:N0}, partitions {s.Partitions:N0}, edges {s.Edges:N0}");
        text.AppendLine(c, $"  cores used:         {s.MachineVertices:N0} of {s.MachineApplicationCores:N0} on {s.ChipsUsed:N0} of {s.MachineChips:N0} chips");
        text.AppendLine(c, $"  keys:               {s.Keys:N0} in {s.Partitions:N0} partitions");
        text.AppendLine(c, $"  DTCM declared:      {s.DtcmBytesUsed:N0} B (at most {s.DtcmBytesMax:N0} B on a core)");
        text.AppendLine(c, $"  SDRAM declared:     {s.SdramBytesUsed:N0} B (at most {s.SdramBytesMaxPerChip:N0} B on a chip)");
        text.AppendLine(c, $"  multicast trees:    {s.TreeLinks:N0} links");
        text.AppendLine(c, $"  routing tables:     {s.ChipsWithTables:N0} chips; generated {s.GeneratedEntriesTotal:N0} entries (max {s.GeneratedEntriesMax:N0}), loaded {s.FinalEntriesTotal:N0} (max {s.FinalEntriesMax:N0}); {s.Compressor} compressor ran on {s.TablesCompressed:N0}");
        if (includeTimings)
        {
            text.AppendLine(c, $"  pass seconds:       {string.Join(", ", _mapping.Timings.Select(t => string.Create(c, $"{t.Pass} {t.Seconds:F3}")))}");
        }

        if (detail)
        {
            text.AppendLine().AppendLine("Placements (vertex -> core)");
            foreach (var p in _mapping.Placements)
            {
                text.AppendLine(c, $"  {p.Core,-14} {p.Vertex.Label}");
            }

            text.AppendLine().AppendLine("Partitions (source/identifier: keys, key count, targets, tree links)");
            foreach (var keys in _mapping.RoutingInfo.Partitions)
            {
                var links = _mapping.Trees.TryGetTree(keys.Partition, out var tree) ? tree.LinkCount : 0;
                text.AppendLine(c, $"  {keys.Partition}: {string.Join(" ", keys.KeysAndMasks)} keys {keys.KeyCount} targets {keys.Partition.Targets.Count} links {links}");
            }
        }

        text.AppendLine().AppendLine("Routing tables (chip: generated -> after default routes -> loaded)");
        foreach (var t in TableSizes)
        {
            text.AppendLine(c, $"  {t.Chip,-10} {t.Generated,6} -> {t.AfterDefaultRoutes,6} -> {t.Final,6}{(t.Compressed ? " (compressed)" : string.Empty)}");
        }

        return text.ToString();
    }

    /// <summary>The report as one JSON document; <paramref name="detail"/> false leaves out placements and partitions.</summary>
    public string ToJson(bool detail = true, bool includeTimings = false, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(json, detail, includeTimings);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the text report to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public void SaveText(string path, bool detail = true, bool includeTimings = false) => AtomicFile.WriteAllText(path, ToText(detail, includeTimings));

    /// <summary>Writes the JSON report to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public void SaveJson(string path, bool detail = true, bool includeTimings = false) => AtomicFile.WriteAllText(path, ToJson(detail, includeTimings, indented: true));

    private void Write(Utf8JsonWriter json, bool detail, bool includeTimings)
    {
        var s = Summary;
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteString("machine", s.Machine);
        json.WriteNumber("machineChips", s.MachineChips);
        json.WriteNumber("machineApplicationCores", s.MachineApplicationCores);
        json.WriteNumber("applicationVertices", s.ApplicationVertices);
        json.WriteNumber("machineVertices", s.MachineVertices);
        json.WriteNumber("partitions", s.Partitions);
        json.WriteNumber("edges", s.Edges);
        json.WriteNumber("coresUsed", s.MachineVertices);
        json.WriteNumber("chipsUsed", s.ChipsUsed);
        json.WriteNumber("treeLinks", s.TreeLinks);
        json.WriteNumber("chipsWithTables", s.ChipsWithTables);
        json.WriteNumber("generatedEntriesTotal", s.GeneratedEntriesTotal);
        json.WriteNumber("generatedEntriesMax", s.GeneratedEntriesMax);
        json.WriteNumber("finalEntriesTotal", s.FinalEntriesTotal);
        json.WriteNumber("finalEntriesMax", s.FinalEntriesMax);
        json.WriteNumber("tablesCompressed", s.TablesCompressed);
        json.WriteString("compressor", s.Compressor);
        json.WriteNumber("sdramBytesUsed", s.SdramBytesUsed);
        json.WriteNumber("keys", s.Keys);
        json.WriteNumber("dtcmBytesUsed", s.DtcmBytesUsed);
        json.WriteNumber("dtcmBytesMax", s.DtcmBytesMax);
        json.WriteNumber("sdramBytesMaxPerChip", s.SdramBytesMaxPerChip);
        json.WriteEndObject();

        if (includeTimings)
        {
            json.WriteStartObject("passSeconds");
            foreach (var t in _mapping.Timings)
            {
                json.WriteNumber(t.Pass, t.Seconds);
            }

            json.WriteEndObject();
        }

        if (detail)
        {
            json.WriteStartArray("placements");
            foreach (var p in _mapping.Placements)
            {
                json.WriteStartObject();
                json.WriteString("vertex", p.Vertex.Label);
                json.WriteNumber("x", p.Core.X);
                json.WriteNumber("y", p.Core.Y);
                json.WriteNumber("p", p.Core.P);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("partitions");
            foreach (var keys in _mapping.RoutingInfo.Partitions)
            {
                json.WriteStartObject();
                json.WriteString("source", keys.Partition.Source.Label);
                json.WriteString("identifier", keys.Partition.Identifier);
                json.WriteNumber("keyCount", keys.KeyCount);
                json.WriteStartArray("keys");
                foreach (var km in keys.KeysAndMasks)
                {
                    json.WriteStartObject();
                    json.WriteString("key", $"0x{km.Key:X8}");
                    json.WriteString("mask", $"0x{km.Mask:X8}");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("targets", keys.Partition.Targets.Count);
                json.WriteNumber("treeLinks", _mapping.Trees.TryGetTree(keys.Partition, out var tree) ? tree.LinkCount : 0);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("tables");
        foreach (var t in TableSizes)
        {
            json.WriteStartObject();
            json.WriteNumber("x", t.Chip.X);
            json.WriteNumber("y", t.Chip.Y);
            json.WriteNumber("generated", t.Generated);
            json.WriteNumber("afterDefaultRoutes", t.AfterDefaultRoutes);
            json.WriteNumber("final", t.Final);
            json.WriteBoolean("compressed", t.Compressed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
