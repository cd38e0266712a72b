using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Graphs;

namespace SpiNNaker.Toolchain.Loading;

/// <summary>
/// The core's context as the toolchain hands it to a vertex's program: every call goes to the
/// simulator's context, but DTCM and SDRAM the program allocates are charged against what its
/// vertex declared (<see cref="MachineVertex.Resources"/>), the SDRAM after the generated
/// regions. A program that takes more than its vertex declared made the splitter and placer
/// decide on wrong numbers, so that is an error naming the vertex, not a silent overrun.
/// </summary>
internal sealed class DeclaredResourcesContext(ICoreContext inner, MachineVertex vertex, long generatedSdramBytes) : ICoreContext
{
    private long _dtcmUsed;
    private long _sdramUsed = generatedSdramBytes;

    public CoreLocation Location => inner.Location;

    public long Now => inner.Now;

    public CostModel Cost => inner.Cost;

    public ulong Seed => inner.Seed;

    public int DtcmFreeBytes => (int)Math.Min(inner.DtcmFreeBytes, vertex.Resources.DtcmBytes - _dtcmUsed);

    public void RegisterCallback(CallbackEvent callbackEvent, int priority) => inner.RegisterCallback(callbackEvent, priority);

    public bool Send(uint key) => inner.Send(key);

    public bool Send(uint key, uint payload) => inner.Send(key, payload);

    public bool TriggerUserEvent(uint argument0 = 0, uint argument1 = 0) => inner.TriggerUserEvent(argument0, argument1);

    public void ChargeCycles(long cycles) => inner.ChargeCycles(cycles);

    public void SetTimer(long periodMicroseconds, long phaseMicroseconds = 0) => inner.SetTimer(periodMicroseconds, phaseMicroseconds);

    public T[] AllocateDtcm<T>(int length)
        where T : unmanaged
    {
        var bytes = (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (_dtcmUsed + bytes > vertex.Resources.DtcmBytes)
        {
            throw new MemoryBudgetExceededException(
                $"machine vertex '{vertex.Label}' on {inner.Location} allocates {bytes:N0} B of DTCM ({length} x {typeof(T).Name}) with {_dtcmUsed:N0} B already allocated, but declared {vertex.Resources.DtcmBytes:N0} B",
                bytes,
                vertex.Resources.DtcmBytes - _dtcmUsed);
        }

        var array = inner.AllocateDtcm<T>(length);
        _dtcmUsed += bytes;
        return array;
    }

    public SdramRegion GetSdramRegion(int regionId) => inner.GetSdramRegion(regionId);

    public bool HasSdramRegion(int regionId) => inner.HasSdramRegion(regionId);

    public SdramRegion AllocateSdram(int regionId, int bytes)
    {
        if (_sdramUsed + bytes > vertex.Resources.SdramBytes)
        {
            throw new MemoryBudgetExceededException(
                $"machine vertex '{vertex.Label}' on {inner.Location} allocates SDRAM region {regionId} of {bytes:N0} B with {_sdramUsed:N0} B already used (generated data included), but declared {vertex.Resources.SdramBytes:N0} B",
                bytes,
                vertex.Resources.SdramBytes - _sdramUsed);
        }

        var region = inner.AllocateSdram(regionId, bytes);
        _sdramUsed += bytes;
        return region;
    }

    public void ReadSdram<T>(SdramRegion region, int byteOffset, Span<T> destination)
        where T : unmanaged => inner.ReadSdram(region, byteOffset, destination);

    public void WriteSdram<T>(SdramRegion region, int byteOffset, ReadOnlySpan<T> source)
        where T : unmanaged => inner.WriteSdram(region, byteOffset, source);

    public bool DmaRead<T>(SdramRegion region, int byteOffset, T[] destination, int destinationIndex, int length, uint tag)
        where T : unmanaged => inner.DmaRead(region, byteOffset, destination, destinationIndex, length, tag);

    public bool DmaWrite<T>(T[] source, int sourceIndex, int length, SdramRegion region, int byteOffset, uint tag)
        where T : unmanaged => inner.DmaWrite(source, sourceIndex, length, region, byteOffset, tag);

    public void SendSdpToHost(int port, ReadOnlySpan<byte> data) => inner.SendSdpToHost(port, data);

    public void Done() => inner.Done();
}
