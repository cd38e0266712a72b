namespace SpiNNaker.Toolchain.Reports;

/// <summary>The headline numbers of a mapping.</summary>
/// <param name="Machine">The machine, described.</param>
/// <param name="MachineChips">Working chips of the machine.</param>
/// <param name="MachineApplicationCores">Application cores of the machine.</param>
/// <param name="ApplicationVertices">Application vertices split.</param>
/// <param name="MachineVertices">Machine vertices (cores used).</param>
/// <param name="Partitions">Outgoing edge partitions.</param>
/// <param name="Edges">Machine edges.</param>
/// <param name="ChipsUsed">Chips that run at least one vertex.</param>
/// <param name="TreeLinks">Links over all multicast trees.</param>
/// <param name="ChipsWithTables">Chips with a generated routing table.</param>
/// <param name="GeneratedEntriesTotal">Generated entries over all chips.</param>
/// <param name="GeneratedEntriesMax">The longest generated table.</param>
/// <param name="FinalEntriesTotal">Loaded entries over all chips (after default routes and compression).</param>
/// <param name="FinalEntriesMax">The longest loaded table.</param>
/// <param name="TablesCompressed">Tables the compressor ran on.</param>
/// <param name="Compressor">The compressor's name.</param>
/// <param name="SdramBytesUsed">SDRAM the vertices declare, over all chips.</param>
/// <param name="Keys">Routing keys allocated, over all partitions (each partition's key count).</param>
/// <param name="DtcmBytesUsed">DTCM the vertices declare, over all cores.</param>
/// <param name="DtcmBytesMax">The most DTCM one core's vertex declares.</param>
/// <param name="SdramBytesMaxPerChip">The most SDRAM the vertices of one chip declare.</param>
public sealed record MappingSummary(
    string Machine,
    int MachineChips,
    int MachineApplicationCores,
    int ApplicationVertices,
    int MachineVertices,
    int Partitions,
    int Edges,
    int ChipsUsed,
    long TreeLinks,
    int ChipsWithTables,
    long GeneratedEntriesTotal,
    int GeneratedEntriesMax,
    long FinalEntriesTotal,
    int FinalEntriesMax,
    int TablesCompressed,
    string Compressor,
    long SdramBytesUsed,
    long Keys,
    long DtcmBytesUsed,
    int DtcmBytesMax,
    long SdramBytesMaxPerChip);
