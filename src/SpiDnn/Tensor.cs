using System.Globalization;
using System.Text;

namespace SpiDnn;

/// <summary>
/// A float32 tensor: a shape and one contiguous row-major buffer (the last axis varies
/// fastest, as in NumPy and Keras). A batch of examples is a tensor whose first axis is the
/// example index.
/// </summary>
public sealed class Tensor
{
    private readonly float[] _data;
    private readonly int[] _shape;

    /// <summary>Creates a tensor of the given shape filled with zeros.</summary>
    /// <param name="shape">The size of each axis; sizes must not be negative (a size of 0 gives an empty tensor).</param>
    public Tensor(params int[] shape)
        : this(new float[CheckedLength(shape)], shape, copyShape: true)
    {
    }

    private Tensor(float[] data, int[] shape, bool copyShape)
    {
        _data = data;
        _shape = copyShape ? (int[])shape.Clone() : shape;
    }

    /// <summary>
    /// Wraps <paramref name="data"/> (no copy) as a tensor of the given shape; the length of
    /// the array must equal the product of the sizes.
    /// </summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var length = CheckedLength(shape);
        if (data.Length != length)
        {
            throw new ArgumentException(
                $"the data length must equal the product of the shape {FormatShape(shape)} ({length}). Received: data.Length={data.Length}",
                nameof(data));
        }
        return new Tensor(data, shape, copyShape: true);
    }

    /// <summary>Copies <paramref name="data"/> into a new tensor of the given shape.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> data, params int[] shape) => FromArray(data.ToArray(), shape);

    /// <summary>Builds a rank-2 tensor from rows of equal length (copied).</summary>
    public static Tensor FromRows(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0)
        {
            throw new ArgumentException("expected at least one row. Received: rows.Length=0", nameof(rows));
        }
        var width = rows[0].Length;
        var result = new Tensor(rows.Length, width);
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != width)
            {
                throw new ArgumentException(
                    $"expected every row to have {width} values (the length of row 0). Received: rows[{i}].Length={rows[i].Length}",
                    nameof(rows));
            }
            rows[i].CopyTo(result._data, i * width);
        }
        return result;
    }

    /// <summary>The size of each axis (a copy).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length => _data.Length;

    /// <summary>The elements in row-major order (a view of the tensor's own memory).</summary>
    public Span<float> Span => _data;

    /// <summary>The elements as a read-only view.</summary>
    public ReadOnlySpan<float> ReadOnlySpan => _data;

    /// <summary>The backing array (internal: kernels use it to avoid copies).</summary>
    internal float[] Data => _data;

    /// <summary>The size of axis <paramref name="axis"/>.</summary>
    public int Dim(int axis)
    {
        if ((uint)axis >= (uint)_shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"expected an axis in [0, {_shape.Length}). Received: axis={axis}");
        }
        return _shape[axis];
    }

    /// <summary>The element at a full index (one coordinate per axis).</summary>
    public float this[params int[] index]
    {
        get => _data[Offset(index)];
        set => _data[Offset(index)] = value;
    }

    /// <summary>The element at (i, j) of a rank-2 tensor.</summary>
    public float this[int i, int j]
    {
        get => _data[Offset2(i, j)];
        set => _data[Offset2(i, j)] = value;
    }

    /// <summary>The number of elements of one slice along the first axis (one example).</summary>
    public int RowLength => _shape.Length == 0 ? 1 : Layers.Layer.Product(_shape.AsSpan(1));

    /// <summary>A view of the elements of slice <paramref name="i"/> along the first axis.</summary>
    public Span<float> RowSpan(int i)
    {
        CheckRow(i);
        return _data.AsSpan(i * RowLength, RowLength);
    }

    /// <summary>Slice <paramref name="i"/> along the first axis, copied into a tensor of rank - 1 (rank 1 gives shape [1]).</summary>
    public Tensor Row(int i)
    {
        CheckRow(i);
        var shape = _shape.Length == 1 ? [1] : _shape[1..];
        return FromArray(_data.AsSpan(i * RowLength, RowLength).ToArray(), shape);
    }

    /// <summary>Slices [start, start + count) of the first axis, copied into a new tensor.</summary>
    public Tensor Slice(int start, int count)
    {
        if (_shape.Length == 0 || start < 0 || count <= 0 || start + count > _shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"expected 0 <= start and 0 < count with start + count <= {(_shape.Length == 0 ? 0 : _shape[0])}. Received: start={start}, count={count}");
        }
        var shape = Shape;
        shape[0] = count;
        return FromArray(_data.AsSpan(start * RowLength, count * RowLength).ToArray(), shape);
    }

    /// <summary>Gathers the given slices of the first axis, in order, into a new tensor.</summary>
    public Tensor Gather(ReadOnlySpan<int> rows)
    {
        var shape = Shape;
        shape[0] = rows.Length;
        var result = new Tensor(shape);
        var width = RowLength;
        for (var r = 0; r < rows.Length; r++)
        {
            CheckRow(rows[r]);
            _data.AsSpan(rows[r] * width, width).CopyTo(result._data.AsSpan(r * width, width));
        }
        return result;
    }

    /// <summary>
    /// The same elements with another shape (shares memory). One size may be -1 and is then
    /// inferred from the length.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var resolved = (int[])shape.Clone();
        var inferred = Array.IndexOf(resolved, -1);
        if (inferred >= 0 && Array.LastIndexOf(resolved, -1) != inferred)
        {
            throw new ArgumentException($"only one size may be -1. Received: shape={FormatShape(shape)}", nameof(shape));
        }
        if (inferred >= 0)
        {
            var known = 1;
            for (var i = 0; i < resolved.Length; i++)
            {
                if (i != inferred)
                {
                    known *= resolved[i] > 0 ? resolved[i] : 0;
                }
            }
            if (known == 0 || _data.Length % known != 0)
            {
                throw new ArgumentException(
                    $"cannot reshape {FormatShape(_shape)} ({_data.Length} elements) to {FormatShape(shape)}", nameof(shape));
            }
            resolved[inferred] = _data.Length / known;
        }
        if (CheckedLength(resolved) != _data.Length)
        {
            throw new ArgumentException(
                $"cannot reshape {FormatShape(_shape)} ({_data.Length} elements) to {FormatShape(shape)}", nameof(shape));
        }
        return new Tensor(_data, resolved, copyShape: false);
    }

    /// <summary>A deep copy.</summary>
    public Tensor Clone() => new((float[])_data.Clone(), _shape, copyShape: true);

    /// <summary>The elements as a new array.</summary>
    public float[] ToArray() => (float[])_data.Clone();

    /// <summary>True when both shapes are equal.</summary>
    public bool HasShape(ReadOnlySpan<int> shape) => shape.SequenceEqual(_shape);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder("Tensor").Append(FormatShape(_shape)).Append(' ');
        var shown = Math.Min(_data.Length, 8);
        text.Append('[');
        for (var i = 0; i < shown; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(_data[i].ToString("G6", CultureInfo.InvariantCulture));
        }
        return text.Append(_data.Length > shown ? ", ...]" : "]").ToString();
    }

    /// <summary>Formats a shape as Keras prints it, e.g. <c>(32, 10)</c>.</summary>
    public static string FormatShape(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 1)
        {
            return $"({shape[0]},)";
        }
        var text = new StringBuilder("(");
        for (var i = 0; i < shape.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(shape[i]);
        }
        return text.Append(')').ToString();
    }

    private static int CheckedLength(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"expected non-negative sizes. Received: shape={FormatShape(shape)}", nameof(shape));
            }
            length *= size;
            if (length > Array.MaxLength)
            {
                throw new ArgumentException($"the tensor is too large. Received: shape={FormatShape(shape)}", nameof(shape));
            }
        }
        return (int)length;
    }

    private int Offset(int[] index)
    {
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException($"expected {_shape.Length} indices. Received: {index.Length}", nameof(index));
        }
        var offset = 0;
        for (var axis = 0; axis < index.Length; axis++)
        {
            if ((uint)index[axis] >= (uint)_shape[axis])
            {
                throw new IndexOutOfRangeException(
                    $"index {index[axis]} is outside axis {axis} of size {_shape[axis]} (shape {FormatShape(_shape)})");
            }
            offset = offset * _shape[axis] + index[axis];
        }
        return offset;
    }

    private int Offset2(int i, int j)
    {
        if (_shape.Length != 2)
        {
            throw new InvalidOperationException($"two indices need a rank-2 tensor; this one has shape {FormatShape(_shape)}");
        }
        if ((uint)i >= (uint)_shape[0] || (uint)j >= (uint)_shape[1])
        {
            throw new IndexOutOfRangeException($"index ({i}, {j}) is outside shape {FormatShape(_shape)}");
        }
        return i * _shape[1] + j;
    }

    private void CheckRow(int i)
    {
        if (_shape.Length == 0 || (uint)i >= (uint)_shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(i),
                $"expected a row in [0, {(_shape.Length == 0 ? 0 : _shape[0])}). Received: i={i}");
        }
    }
}
