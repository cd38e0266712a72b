using System.Numerics;
using System.Text;

namespace SpiNNaker.Machine;

/// <summary>
/// The route of a routing entry as the router holds it: bits 0-5 name the six links, bits
/// 6-23 the 18 processors. A multicast route may name several links and cores at once.
/// </summary>
public readonly record struct RouteWord
{
    /// <summary>The bits a route word may use (links and cores).</summary>
    public const uint ValidBits = 0x00FF_FFFF;

    /// <summary>The bit of processor 0.</summary>
    public const int FirstCoreBit = DirectionExtensions.LinkCount;

    private const uint LinkBits = 0x3F;

    /// <summary>Creates a route word from its raw value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Bits above 23 are set.</exception>
    public RouteWord(uint value)
    {
        if ((value & ~ValidBits) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"0x{value:X8}", "a route word uses only bits 0-23 (6 links, 18 cores)");
        }

        Value = value;
    }

    /// <summary>The raw 24-bit value.</summary>
    public uint Value { get; }

    /// <summary>The route to nowhere.</summary>
    public static RouteWord Empty => default;

    /// <summary>The six link bits (bit l = link l).</summary>
    public uint LinkMask => Value & LinkBits;

    /// <summary>The 18 core bits (bit p = processor p).</summary>
    public uint CoreMask => Value >> FirstCoreBit;

    /// <summary>Whether the route names no output.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>How many links the route names.</summary>
    public int LinkCount => BitOperations.PopCount(LinkMask);

    /// <summary>How many cores the route names.</summary>
    public int CoreCount => BitOperations.PopCount(CoreMask);

    /// <summary>The named links, in link order.</summary>
    public IEnumerable<Direction> Links
    {
        get
        {
            for (var l = 0; l < DirectionExtensions.LinkCount; l++)
            {
                if ((Value & (1u << l)) != 0)
                {
                    yield return (Direction)l;
                }
            }
        }
    }

    /// <summary>The named processors, ascending.</summary>
    public IEnumerable<int> Cores
    {
        get
        {
            for (var p = 0; p < Chip.ProcessorsPerChip; p++)
            {
                if (HasCore(p))
                {
                    yield return p;
                }
            }
        }
    }

    /// <summary>A route to one link.</summary>
    public static RouteWord ToLink(Direction link) => Empty.WithLink(link);

    /// <summary>A route to one processor.</summary>
    public static RouteWord ToCore(int processor) => Empty.WithCore(processor);

    /// <summary>This route plus <paramref name="link"/>.</summary>
    public RouteWord WithLink(Direction link)
    {
        if (!Enum.IsDefined(link))
        {
            throw new ArgumentOutOfRangeException(nameof(link), link, "a link must be 0 to 5");
        }

        return new RouteWord(Value | (1u << (int)link));
    }

    /// <summary>This route plus processor <paramref name="processor"/>.</summary>
    public RouteWord WithCore(int processor)
    {
        if ((uint)processor >= Chip.ProcessorsPerChip)
        {
            throw new ArgumentOutOfRangeException(nameof(processor), processor, $"a processor must be 0 to {Chip.ProcessorsPerChip - 1}");
        }

        return new RouteWord(Value | (1u << (FirstCoreBit + processor)));
    }

    /// <summary>The outputs of both routes.</summary>
    public RouteWord Union(RouteWord other) => new(Value | other.Value);

    /// <summary>The outputs of both routes.</summary>
    public static RouteWord operator |(RouteWord left, RouteWord right) => left.Union(right);

    /// <summary>Whether the route names <paramref name="link"/>.</summary>
    public bool HasLink(Direction link) => (uint)link < DirectionExtensions.LinkCount && (Value & (1u << (int)link)) != 0;

    /// <summary>Whether the route names processor <paramref name="processor"/>.</summary>
    public bool HasCore(int processor) => (uint)processor < Chip.ProcessorsPerChip && (Value & (1u << (FirstCoreBit + processor))) != 0;

    /// <summary>Formats as e.g. <c>links [East, North] cores [1, 3]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("links [").AppendJoin(", ", Links).Append("] cores [").AppendJoin(", ", Cores).Append(']');
        return text.ToString();
    }
}
