namespace SpiDnn.Cli.Output;

/// <summary>What <c>spidnn map --json</c> prints: the mapping's headline numbers (nothing is run).</summary>
/// <param name="Model">The zoo model.</param>
/// <param name="Mapping">The mapping (<c>blocked</c> or <c>neuron</c>).</param>
/// <param name="Machine">The machine (<c>spinn3</c>, <c>spinn5</c> or the description file).</param>
/// <param name="Operation">What was mapped: <c>train</c> or <c>predict</c>.</param>
/// <param name="Examples">Training (or predicted) examples the mapping was made for.</param>
/// <param name="CoresUsed">Cores running a vertex.</param>
/// <param name="MachineCores">Application cores of the machine.</param>
/// <param name="ChipsUsed">Chips running a vertex.</param>
/// <param name="MachineChips">Working chips of the machine.</param>
/// <param name="Partitions">Outgoing edge partitions (one per sending core and identifier).</param>
/// <param name="Keys">Routing keys allocated over all partitions.</param>
/// <param name="ChipsWithTables">Chips with a routing table.</param>
/// <param name="LargestTableGenerated">The longest routing table as generated.</param>
/// <param name="LargestTableAfterDefaultRoutes">The longest table after removing the entries default routing makes unnecessary.</param>
/// <param name="LargestTableLoaded">The longest table loaded (after compression, where it ran).</param>
/// <param name="TableEntriesLoaded">Entries loaded over all chips.</param>
/// <param name="TablesCompressed">Tables the compressor ran on (only those over the router's 1,023 entries).</param>
/// <param name="DtcmBytes">DTCM the cores declare, in all.</param>
/// <param name="DtcmBytesMaxPerCore">The most DTCM one core declares.</param>
/// <param name="SdramBytes">SDRAM the cores declare, in all.</param>
/// <param name="SdramBytesMaxPerChip">The most SDRAM the cores of one chip declare.</param>
/// <param name="Report">The full path of the report written with <c>--report</c>, or null.</param>
/// <param name="Plan">The blocked mapping's plan, cores per layer (weight, sum and fused cores; docs/mapping-blocked.md), or null for another mapping.</param>
internal sealed record MapReport(
    string Model,
    string Mapping,
    string Machine,
    string Operation,
    int Examples,
    int CoresUsed,
    int MachineCores,
    int ChipsUsed,
    int MachineChips,
    int Partitions,
    long Keys,
    int ChipsWithTables,
    int LargestTableGenerated,
    int LargestTableAfterDefaultRoutes,
    int LargestTableLoaded,
    long TableEntriesLoaded,
    int TablesCompressed,
    long DtcmBytes,
    int DtcmBytesMaxPerCore,
    long SdramBytes,
    long SdramBytesMaxPerChip,
    string? Report,
    string? Plan);
