using System.Runtime.InteropServices;
using SpiDnn.Backends.SpiNNaker.Blocked.Cores;
using SpiDnn.Backends.SpiNNaker.Blocked.Data;
using SpiDnn.Backends.SpiNNaker.Blocked.Graph;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Host;

/// <summary>
/// The host's side of the output cores' phase reports (one SDP message per output core and
/// phase): adds them up over cores and replicas and hands each phase on, in phase order, once
/// every output core has reported it.
/// </summary>
internal sealed class PhaseReports
{
    private readonly Dictionary<CoreLocation, int> _outputReplica = [];
    private readonly int _expected;
    private readonly RunData _data;
    private readonly Action<PhaseScore>? _completed;
    private readonly Dictionary<int, (int Reports, long Rows, long Correct, double Loss)> _pending = [];
    private readonly List<PhaseScore> _done = [];

    public PhaseReports(BlockedGraph graph, Mapping mapping, RunData data, Action<PhaseScore>? completed)
    {
        for (var r = 0; r < graph.Plan.Replicas; r++)
        {
            foreach (var vertex in graph.OutputCores(r))
            {
                _outputReplica[mapping.Placements[vertex]] = r;
            }
        }

        _expected = _outputReplica.Count;
        _data = data;
        _completed = completed;
    }

    /// <summary>The phases completed so far, in order.</summary>
    public IReadOnlyList<PhaseScore> Completed => _done;

    /// <summary>Takes one SDP message from the machine.</summary>
    public void Receive(SdpMessage message)
    {
        if (message.Port != OutputScoring<float, float, Arithmetic.FloatArithmetic>.ReportPort || !_outputReplica.ContainsKey(message.Core))
        {
            throw new SpiNNakerRunException($"unexpected SDP message from core {message.Core} on port {message.Port}");
        }

        var bytes = message.Data.ToArray().AsSpan();
        var phase = MemoryMarshal.Read<int>(bytes);
        var rows = MemoryMarshal.Read<int>(bytes[8..]);
        var correct = MemoryMarshal.Read<int>(bytes[12..]);
        var loss = MemoryMarshal.Read<double>(bytes[16..]);
        var entry = _pending.GetValueOrDefault(phase);
        _pending[phase] = (entry.Reports + 1, entry.Rows + rows, entry.Correct + correct, entry.Loss + loss);
        while (_pending.TryGetValue(_done.Count, out var next) && next.Reports == _expected)
        {
            var p = _done.Count;
            _pending.Remove(p);
            var sequence = _data.Sequences[0];
            var inEpoch = sequence.PhaseInEpoch(p);
            var score = new PhaseScore(p, sequence.EpochOf(p), sequence.IsTraining(p) ? inEpoch : -1, next.Rows, next.Correct, next.Loss);
            _done.Add(score);
            _completed?.Invoke(score);
        }
    }
}
