using SpiDnn.Backends.SpiNNaker.Blocked.Planning;

namespace SpiDnn.Backends.SpiNNaker.Blocked.Data;

/// <summary>
/// What one machine run works on: the data rows preloaded into SDRAM (training rows then
/// validation rows, or the rows to predict), their labels, and each replica's example
/// sequence as data-row numbers.
/// </summary>
internal sealed class RunData
{
    public RunData(bool training, int epochs, int trainCount, int batchSize, int inferenceCount, float learningRate,
        float[] inputs, int inputLength, float[]? labels, int labelLength, int replicas, Func<int, int[]>? epochOrder)
    {
        Training = training;
        Epochs = epochs;
        TrainCount = trainCount;
        BatchSize = batchSize;
        InferenceCount = inferenceCount;
        LearningRate = learningRate;
        Inputs = inputs;
        InputLength = inputLength;
        Labels = labels;
        LabelLength = labelLength;
        Sequences = new RunSequence[replicas];
        Schedules = new int[replicas][];
        var orders = new int[training ? epochs : 0][];
        for (var e = 0; e < orders.Length; e++)
        {
            orders[e] = epochOrder!(e);
        }

        for (var r = 0; r < replicas; r++)
        {
            var sequence = new RunSequence(training, training ? epochs : 1, training ? trainCount : 0, Math.Max(1, batchSize), inferenceCount, replicas, r);
            Sequences[r] = sequence;
            var schedule = new int[checked((int)sequence.TotalExamples)];
            var at = 0;
            for (var phase = 0; phase < sequence.PhaseCount; phase++)
            {
                var start = sequence.ShareStart(phase);
                var share = sequence.Share(phase);
                var inEpoch = sequence.PhaseInEpoch(phase);
                for (var j = 0; j < share; j++)
                {
                    schedule[at++] = sequence.IsTraining(phase)
                        ? orders[sequence.EpochOf(phase)][(inEpoch * batchSize) + start + j]
                        : (training ? trainCount : 0) + start + j;
                }
            }

            Schedules[r] = schedule;
        }
    }

    public bool Training { get; }

    public int Epochs { get; }

    public int TrainCount { get; }

    public int BatchSize { get; }

    public int InferenceCount { get; }

    public float LearningRate { get; }

    /// <summary>All data rows, <see cref="InputLength"/> values each.</summary>
    public float[] Inputs { get; }

    public int InputLength { get; }

    /// <summary>The label rows (null for a predict run).</summary>
    public float[]? Labels { get; }

    public int LabelLength { get; }

    public int DataRows => Inputs.Length / InputLength;

    /// <summary>Each replica's phases.</summary>
    public RunSequence[] Sequences { get; }

    /// <summary>Each replica's sequence of data rows.</summary>
    public int[][] Schedules { get; }

    /// <summary>Whether the run has inference phases (validation or prediction): the output cores send credits.</summary>
    public bool HasInference => InferenceCount > 0;

    /// <summary>Bytes per schedule entry.</summary>
    public int ScheduleBytes => DataRows <= ushort.MaxValue + 1 ? 2 : 4;
}
