using System.Globalization;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiNNaker.Simulator;
using SpiNNaker.Toolchain.Live;
using SpiNNaker.Toolchain.Running;

namespace SpiDnn.Backends.SpiNNaker.Neuron.Host;

/// <summary>
/// The seed's "ping-pong" host protocol: the host sends one example (and, training, its
/// labels), waits until the machine answers (predicting: every output value; training: one
/// packet from every first-layer neuron, sent when its work on the example, weight update
/// included, is done, and the loss vertex's report), then sends the next; only one layer works
/// at a time. The host drives the protocol from the live-output callbacks inside the
/// simulation, and watches it: when nothing reaches the host for the stall bound, or nothing
/// is left to happen, the run is given up with a <see cref="SpiNNakerRunException"/> naming the
/// dropped packets and the waiting cores; it never hangs.
/// </summary>
internal sealed class PingPongHost
{
    private readonly NeuronGraph _graph;
    private readonly MachineSession _session;
    private readonly long _stallBound;
    private long _lastProgress;
    private long _unexpectedEvents;

    /// <summary>Creates the host for a loaded session of <paramref name="graph"/>.</summary>
    public PingPongHost(NeuronGraph graph, MachineSession session, long stallBoundPicoseconds)
    {
        _graph = graph;
        _session = session;
        _stallBound = stallBoundPicoseconds;
    }

    private Simulation Simulation => _session.Simulation;

    /// <summary>Predicts every example of <paramref name="x"/>, one at a time; returns the outputs, example-major.</summary>
    public float[] Predict(Tensor x)
    {
        var n = x.Dim(0);
        var mapping = _session.Mapping;
        var output = _graph.Output;
        var k = output.AtomCount * output.ValuesPerNeuron;
        var (outputFirstKey, _) = mapping.RoutingInfo.ApplicationKeyRange(mapping.MachineGraph, output, Partitions.Forward);
        var feeder = new InputFeeder(_graph.Input, mapping);
        var inputLength = feeder.ValuesPerExample;
        var results = new float[n * k];
        var seen = new bool[k];
        var example = 0;
        var received = 0;

        void OnEvent(LiveEvent e)
        {
            var i = e.Key - outputFirstKey;
            if (i >= (uint)k || example >= n || seen[i])
            {
                _unexpectedEvents++;
                return;
            }
            results[(example * k) + (int)i] = BitConverter.UInt32BitsToSingle(e.Payload);
            seen[i] = true;
            _lastProgress = Simulation.Now;
            if (++received < k)
            {
                return;
            }
            received = 0;
            Array.Clear(seen);
            example++;
            if (example < n)
            {
                feeder.Send(Simulation, x.ReadOnlySpan.Slice(example * inputLength, inputLength));
            }
        }

        _session.Live.AddReceiveCallback(OnEvent);
        try
        {
            feeder.Send(Simulation, x.ReadOnlySpan[..inputLength]);
            RunToCompletion(() => example == n,
                () => string.Create(CultureInfo.InvariantCulture, $"the host waits for the outputs of example {example} and has {received} of {k}"));
        }
        finally
        {
            _session.Live.RemoveReceiveCallback(OnEvent);
        }
        return results;
    }

    /// <summary>
    /// Trains the epochs <paramref name="firstEpoch"/> to <paramref name="firstEpoch"/> +
    /// <paramref name="epochs"/> - 1 of <paramref name="run"/> in the order of its schedule;
    /// returns the loss vertex's totals per epoch.
    /// </summary>
    public IReadOnlyList<EpochTotals> Train(TrainingRun run, int firstEpoch, int epochs, int rowsPerExample)
    {
        var mapping = _session.Mapping;
        var schedule = run.Schedule;
        var first = _graph.Layers[0];
        var (pongFirstKey, pongCount) = mapping.RoutingInfo.ApplicationKeyRange(mapping.MachineGraph, first, Partitions.Backward);
        var reportKey = mapping.KeysOf(_graph.Loss!, Partitions.LossReport).FirstKey;
        var inputs = new InputFeeder(_graph.Input, mapping);
        var labels = new InputFeeder(_graph.Labels!, mapping);
        var inputLength = inputs.ValuesPerExample;
        var labelLength = labels.ValuesPerExample;
        var orders = Enumerable.Range(firstEpoch, epochs).Select(schedule.EpochOrder).ToArray();
        var totals = new List<EpochTotals>();
        var n = schedule.ExampleCount;
        var epoch = 0;
        var position = 0;
        var pongs = 0;
        var reports = 0;
        var exampleLoss = 0f;
        var exampleCorrect = 0;
        var lossSum = 0.0;
        var correct = 0;
        var rows = 0;

        void Inject()
        {
            var index = orders[epoch][position];
            inputs.Send(Simulation, run.X.ReadOnlySpan.Slice(index * inputLength, inputLength));
            labels.Send(Simulation, run.Y.ReadOnlySpan.Slice(index * labelLength, labelLength));
            _lastProgress = Simulation.Now;
        }

        void OnEvent(LiveEvent e)
        {
            if (e.Key - pongFirstKey < (uint)pongCount)
            {
                pongs++;
            }
            else if (e.Key == reportKey)
            {
                exampleLoss = BitConverter.UInt32BitsToSingle(e.Payload);
                reports++;
            }
            else if (e.Key == reportKey + 1)
            {
                exampleCorrect = (int)BitConverter.UInt32BitsToSingle(e.Payload);
                reports++;
            }
            else
            {
                _unexpectedEvents++;
                return;
            }
            _lastProgress = Simulation.Now;
            if (pongs < pongCount || reports < 2 || epoch >= epochs)
            {
                return;
            }
            pongs = 0;
            reports = 0;
            lossSum += exampleLoss;
            correct += exampleCorrect;
            rows += rowsPerExample;
            position++;
            if (position % schedule.BatchSize == 0 || position == n)
            {
                run.Progress?.Report(new TrainingProgress(firstEpoch + epoch + 1, run.Epochs, (position - 1) / schedule.BatchSize + 1,
                    schedule.BatchesPerEpoch, (float)(lossSum / rows), (float)correct / rows));
            }
            if (position == n)
            {
                totals.Add(new EpochTotals(lossSum, correct, rows));
                lossSum = 0;
                correct = 0;
                rows = 0;
                position = 0;
                epoch++;
            }
            if (epoch < epochs)
            {
                Inject();
            }
        }

        _session.Live.AddReceiveCallback(OnEvent);
        try
        {
            Inject();
            RunToCompletion(() => totals.Count == epochs, () => string.Create(CultureInfo.InvariantCulture,
                $"the host waits for the answers to example {(epoch * n) + position} (number {position} of epoch {firstEpoch + epoch + 1}) and has {pongs} of {pongCount} first-layer answers and {reports} of 2 loss reports"));
        }
        finally
        {
            _session.Live.RemoveReceiveCallback(OnEvent);
        }
        return totals;
    }

    /// <summary>
    /// Runs until every core is done and what they sent has reached the host (the toolchain's
    /// run-until-done), watching for stalls; then the host must have everything it waits for.
    /// </summary>
    private void RunToCompletion(Func<bool> hostFinished, Func<string> hostState)
    {
        var step = Math.Max(_stallBound / 4, SimulatedTime.Millisecond);
        _lastProgress = Simulation.Now;
        while (true)
        {
            RunResult result;
            try
            {
                result = _session.RunUntilDone(step);
            }
            catch (CoreApplicationException e)
            {
                var name = _session.Mapping.Placements.TryGetVertex(e.Core, out var vertex)
                    ? vertex is NeuronCoreVertex neuron ? neuron.Describe() : vertex.Label
                    : "unknown vertex";
                throw StallDiagnosis.Stalled(_session, $"the SpiNNaker run failed: core ({e.Core.X}, {e.Core.Y}, {e.Core.P}) [{name}] stopped with an error: {e.InnerException?.Message ?? e.Message}", e);
            }
            switch (result.End)
            {
                case RunEnd.AllCoresDone when hostFinished():
                    return;
                case RunEnd.AllCoresDone:
                    throw StallDiagnosis.Stalled(_session, $"the SpiNNaker run ended without every answer: the cores are done but {hostState()}");
                case RunEnd.Idle:
                    throw StallDiagnosis.Stalled(_session, $"the SpiNNaker run stalled: nothing is left to happen on the machine; {hostState()}");
            }
            var quiet = Simulation.Now - _lastProgress;
            if (quiet >= _stallBound)
            {
                throw StallDiagnosis.Stalled(_session, string.Create(CultureInfo.InvariantCulture,
                    $"the SpiNNaker run stalled: nothing reached the host for {quiet / (double)SimulatedTime.Millisecond:0.###} ms (stall bound {_stallBound / (double)SimulatedTime.Millisecond:0.###} ms); {hostState()}"));
            }
        }
    }

    /// <summary>Live events that matched nothing the host waits for.</summary>
    public long UnexpectedEvents => _unexpectedEvents;
}
