using System.Runtime.InteropServices;
using SpiDnn.Backends.SpiNNaker.Blocked.Arithmetic;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Data;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Cores;

/// <summary>
/// A first-layer core's inputs (docs/mapping-blocked.md, section 2, "First layer: no input
/// packets"): its slice of every data row in SDRAM, as palette bytes or as values, and the
/// replica's example order, read 16 entries at a time into DTCM. Weight cores and fused
/// cores of the first layer share it.
/// </summary>
/// <typeparam name="T">The value type of the number format.</typeparam>
/// <typeparam name="TAcc">The accumulator type of the number format.</typeparam>
/// <typeparam name="TOps">The arithmetic of the number format.</typeparam>
internal sealed class PreloadedRows<T, TAcc, TOps>
    where T : unmanaged
    where TAcc : unmanaged
    where TOps : struct, IValueArithmetic<T, TAcc>
{
    /// <summary>Schedule entries the core copies from SDRAM at a time.</summary>
    public const int ScheduleEntriesPerRead = 16;

    private readonly int _inputBytes;
    private readonly T[] _palette;
    private readonly int _scheduleBytes;
    private byte[] _row = [];
    private byte[] _scheduleBuffer = [];
    private long _scheduleBufferStart = -1;
    private int _rowValues;
    private SdramRegion? _inputRegion;
    private SdramRegion? _scheduleRegion;

    /// <summary>Reads the input format (bytes per value, the palette) and the schedule entry size from the parameters; allocates the palette.</summary>
    public PreloadedRows(ICoreContext context, ref DataRegionReader reader)
    {
        _inputBytes = reader.Int();
        var paletteCount = reader.Int();
        _palette = context.AllocateDtcm<T>(paletteCount);
        for (var i = 0; i < paletteCount; i++)
        {
            _palette[i] = TOps.FromPayload(reader.UInt());
        }

        _scheduleBytes = reader.Int();
    }

    /// <summary>Bytes per schedule entry (2 or 4).</summary>
    public int ScheduleBytes => _scheduleBytes;

    /// <summary>Input values per row (once opened).</summary>
    public int RowValues => _rowValues;

    /// <summary>Examples started so far (the replica's sequence position of the next one).</summary>
    public long SequencePosition { get; private set; }

    /// <summary>Allocates the row and schedule buffers of a first-layer core with <paramref name="rowValues"/> values per row and opens its regions.</summary>
    public void Open(ICoreContext context, int rowValues)
    {
        _rowValues = rowValues;
        _row = context.AllocateDtcm<byte>(rowValues * _inputBytes);
        _scheduleBuffer = context.AllocateDtcm<byte>(ScheduleEntriesPerRead * 4);
        _inputRegion = context.GetSdramRegion(RegionIds.Inputs);
        _scheduleRegion = context.GetSdramRegion(RegionIds.Schedule);
    }

    /// <summary>Reads the next example of the sequence into <paramref name="inputs"/> (charged) and moves on.</summary>
    public void ReadNext(ICoreContext context, Span<T> inputs)
    {
        var dataRow = ReadScheduleEntry(context, SequencePosition);
        if (_inputBytes == 1)
        {
            var row = _row.AsSpan(0, _rowValues);
            context.ReadSdram<byte>(_inputRegion!, checked((int)((long)dataRow * _rowValues)), row);
            var palette = _palette;
            for (var i = 0; i < row.Length; i++)
            {
                inputs[i] = palette[row[i]];
            }

            context.ChargeCycles((long)_rowValues * HandlerCosts.LoopStep);
        }
        else
        {
            context.ReadSdram(_inputRegion!, checked((int)((long)dataRow * _rowValues * 4)), inputs[.._rowValues]);
        }

        SequencePosition++;
    }

    /// <summary>The data row of sequence position <paramref name="position"/>, from a DTCM copy of the next entries (refilled every <see cref="ScheduleEntriesPerRead"/>).</summary>
    private int ReadScheduleEntry(ICoreContext context, long position)
    {
        if (_scheduleBufferStart < 0 || position >= _scheduleBufferStart + ScheduleEntriesPerRead)
        {
            var total = _scheduleRegion!.Length / _scheduleBytes;
            var count = (int)Math.Min(ScheduleEntriesPerRead, total - position);
            context.ReadSdram<byte>(_scheduleRegion, checked((int)(position * _scheduleBytes)), _scheduleBuffer.AsSpan(0, count * _scheduleBytes));
            _scheduleBufferStart = position;
        }

        var bytes = _scheduleBuffer.AsSpan((int)(position - _scheduleBufferStart) * _scheduleBytes, _scheduleBytes);
        return _scheduleBytes == 2 ? bytes[0] | (bytes[1] << 8) : MemoryMarshal.Read<int>(bytes);
    }
}
