namespace SpiNNaker.Simulator;

/// <summary>A DMA transfer in flight: what to copy where when it completes, and its tag.</summary>
internal struct DmaTransfer
{
    public bool Active;
    public bool ToSdram;
    public SdramRegion Region;
    public int RegionOffset;
    public Array Dtcm;
    public int DtcmByteOffset;
    public int Bytes;
    public uint Tag;
}
