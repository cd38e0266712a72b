using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SpiNNaker.Simulator;

/// <summary>
/// A hint to the processor to start loading a cache line that the engine will touch soon.
/// It only passes an address; nothing is read or written through it, so a moved object
/// costs nothing but a wasted hint.
/// </summary>
internal static class Prefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
