using SpiNNaker.Machine;
using SpiNNaker.Toolchain.Graphs;
using SpiNNaker.Toolchain.Live;

namespace SpiNNaker.Toolchain.Tests;

public class LiveFramingTests
{
    [Fact]
    public void Header_HoldsTheCountInTheLowByteAndTheTypeInBits10And11()
    {
        var message = new byte[EieioMessage.MaxBytes];

        EieioMessage.WriteHeader(message, 31, withPayloads: true);
        Assert.Equal(0x0C1F, message[0] | (message[1] << 8)); // 31 | 3 << 10

        EieioMessage.WriteHeader(message, 5, withPayloads: false);
        Assert.Equal(0x0805, message[0] | (message[1] << 8)); // 5 | 2 << 10
        Assert.Equal(250, EieioMessage.MaxBytes);
    }

    [Fact]
    public void EventsRoundTrip_LittleEndian()
    {
        var message = new byte[EieioMessage.Length(2, withPayloads: true)];
        EieioMessage.WriteHeader(message, 2, withPayloads: true);
        EieioMessage.WriteEvent(message, 0, true, 0x12345678, 0xCAFEBABE);
        EieioMessage.WriteEvent(message, 1, true, 7, 8);

        Assert.True(EieioMessage.TryReadHeader(message, out var count, out var withPayloads));
        Assert.Equal((2, true), (count, withPayloads));
        Assert.Equal((0x12345678u, 0xCAFEBABEu), EieioMessage.ReadEvent(message, 0, true));
        Assert.Equal((7u, 8u), EieioMessage.ReadEvent(message, 1, true));
        Assert.Equal(0x78, message[2]); // key's low byte first
    }

    [Fact]
    public void CommandsWrongLengthsAndTooManyEvents_AreNotDataMessages()
    {
        var message = new byte[EieioMessage.Length(1, withPayloads: false)];
        EieioMessage.WriteHeader(message, 1, withPayloads: false);
        Assert.True(EieioMessage.TryReadHeader(message, out _, out _));

        Assert.False(EieioMessage.TryReadHeader(message.AsSpan(0, 5), out _, out _)); // length does not match the count
        message[1] |= 0x40; // bits 15..14 = 01: a command
        Assert.False(EieioMessage.TryReadHeader(message, out _, out _));
        Assert.False(EieioMessage.TryReadHeader([1], out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => EieioMessage.WriteHeader(new byte[300], 32, true));
    }

    [Fact]
    public void EmptyGraph_MapsToNothing()
    {
        var mapping = new Mapper().Map(new ApplicationGraph(), MachineBuilder.SpiNN3());

        Assert.Empty(mapping.Placements);
        Assert.Equal(0, mapping.CreateReport().Summary.FinalEntriesMax);
    }

    [Fact]
    public void MachineGraph_EdgeOnAnotherGraphsPartition_IsRejected()
    {
        var (graph, v) = GraphBuilders.Vertices(2);
        var (other, w) = GraphBuilders.Vertices(1);

        var e = Assert.Throws<ArgumentException>(() => graph.AddEdge(other.AddPartition(w[0], "x"), v[1]));

        Assert.Contains("another graph", e.Message, StringComparison.Ordinal);
    }
}
