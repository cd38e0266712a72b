using SpiNNaker.Toolchain.Resources;

namespace SpiNNaker.Toolchain.Graphs;

/// <summary>
/// A machine vertex that only states its resources: enough to map a graph (place, route,
/// allocate keys, build tables) without running it, as for a virtual machine or a benchmark.
/// </summary>
public sealed class SimpleMachineVertex : MachineVertex
{
    private readonly int? _keyCount;

    /// <summary>Creates the vertex.</summary>
    /// <param name="label">Its name.</param>
    /// <param name="resources">What its core needs.</param>
    /// <param name="keyCount">Keys per outgoing partition, or null for one per atom.</param>
    public SimpleMachineVertex(string label, ResourceRequirements resources, int? keyCount = null)
        : base(label)
    {
        if (keyCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keyCount), keyCount, $"vertex '{label}' must send at least one key per partition");
        }

        Resources = resources;
        _keyCount = keyCount;
    }

    /// <inheritdoc/>
    public override ResourceRequirements Resources { get; }

    /// <inheritdoc/>
    public override int KeyCountFor(string partitionIdentifier) => _keyCount ?? base.KeyCountFor(partitionIdentifier);
}
