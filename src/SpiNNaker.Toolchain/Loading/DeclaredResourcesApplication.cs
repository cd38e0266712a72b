using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Loading;

/// <summary>
/// Runs a vertex's program with a <see cref="DeclaredResourcesContext"/>: the program sees
/// the same machine, but its DTCM and SDRAM allocations are held to what its vertex declared.
/// Every callback goes straight to the program.
/// </summary>
internal sealed class DeclaredResourcesApplication(CoreApplication inner, MachineVertex vertex, long generatedSdramBytes) : CoreApplication
{
    public CoreApplication Inner => inner;

    public override void OnStart(ICoreContext context) => inner.OnStart(new DeclaredResourcesContext(context, vertex, generatedSdramBytes));

    public override void OnMulticastPacket(uint key) => inner.OnMulticastPacket(key);

    public override void OnMulticastPacketWithPayload(uint key, uint payload) => inner.OnMulticastPacketWithPayload(key, payload);

    public override void OnTimerTick(uint tick) => inner.OnTimerTick(tick);

    public override void OnUserEvent(uint argument0, uint argument1) => inner.OnUserEvent(argument0, argument1);

    public override void OnDmaDone(uint tag) => inner.OnDmaDone(tag);

    public override void OnSdpMessage(int port, ReadOnlySpan<byte> data) => inner.OnSdpMessage(port, data);
}
