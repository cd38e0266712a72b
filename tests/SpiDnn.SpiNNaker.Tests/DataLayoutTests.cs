using SpiDnn.Backends.SpiNNaker.Neuron;
using SpiDnn.Backends.SpiNNaker.Neuron.Data;
using SpiDnn.Backends.SpiNNaker.Neuron.Graph;
using SpiDnn.Training;
using SpiNNaker.Machine;
using SpiNNaker.Simulator;

namespace SpiDnn.SpiNNaker.Tests;

/// <summary>The SDRAM data layouts the host writes and the cores read, and the timing and batch rules in them.</summary>
public sealed class DataLayoutTests
{
    private static uint[] Words(byte[] bytes) => [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToUInt32(bytes, 4 * i))];

    private static readonly CoreTiming Timing = new(5000, 90, 2400, 20000);
    private static readonly TrainingSchedule Schedule = new(50, 16, 3, 0.125f);

    [Fact]
    public void PerceptronParameters_DecodeToWhatWasEncoded()
    {
        var parameters = new PerceptronParameters
        {
            Timing = Timing,
            Examples = 150,
            NeuronIndex = 7,
            InputCount = 300,
            MinInputKey = 0x100,
            ForwardKey = 0x207,
            Activation = Activation.Softmax,
            SoftmaxKey = 0x307,
            MinSoftmaxKey = 0x300,
            SoftmaxGroupSize = 50,
            Training = new PerceptronTraining
            {
                Schedule = Schedule,
                Variant = BackwardVariant.SharedParameters,
                IsOutput = false,
                ErrorIsPreActivation = false,
                IsFirst = true,
                BackwardKey = 0x407,
                MinSuccessorKey = 0x500,
                SuccessorCount = 25,
                PacketsPerSuccessor = 50,
            },
        };

        var decoded = PerceptronParameters.Decode(Words(parameters.Encode()));

        Assert.Equal(parameters with { Training = null }, decoded with { Training = null });
        Assert.Equal(parameters.Training, decoded.Training);
    }

    [Fact]
    public void Conv1DParameters_DecodeToWhatWasEncoded()
    {
        var training = new Conv1DTraining
        {
            Schedule = Schedule,
            Variant = BackwardVariant.MulticastEachError,
            ErrorIsPreActivation = true,
            IsFirst = false,
            BackwardKey = 11,
            KernelUpdateKey = 12,
            MinKernelUpdateKey = 10,
            SuccessorKind = ConvSuccessorKind.Conv,
            MinSuccessorKey = 40,
            SuccessorCount = 3,
            AcceptFrom = [10, 5, 0],
            ErrorPackets = 45,
        };
        var parameters = new Conv1DParameters
        {
            Timing = Timing,
            Examples = 9,
            Position = 3,
            LayerSize = 112,
            KernelSize = 12,
            Channels = 5,
            Filters = 16,
            LowerPadding = 2,
            UpperPadding = 1,
            MinInputKey = 77,
            Activation = Activation.Tanh,
            ForwardKey = 900,
            Flattened = true,
            Training = training,
        };

        var decoded = Conv1DParameters.Decode(Words(parameters.Encode()));

        Assert.Equal(parameters with { Training = null }, decoded with { Training = null });
        Assert.Equal(training with { AcceptFrom = [] }, decoded.Training! with { AcceptFrom = [] });
        Assert.Equal(training.AcceptFrom, decoded.Training!.AcceptFrom);
        Assert.Equal(9, decoded.Window);
        Assert.Equal(16 * ((12 * 5) + 1), decoded.WeightCount);
    }

    [Fact]
    public void LossAndInputParameters_DecodeToWhatWasEncoded()
    {
        var loss = new LossParameters
        {
            Timing = Timing,
            Schedule = Schedule,
            Loss = Loss.BinaryCrossEntropy,
            OutputActivation = Activation.Sigmoid,
            OutputCount = 14,
            RowWidth = 2,
            MinOutputKey = 3,
            MinLabelKey = 60,
            ReportKey = 99,
        };
        var input = new InputParameters { Timing = Timing, Examples = 4, AtomCount = 2, ValuesPerAtom = 3, FirstKey = 1234, KeyPerValue = false };

        Assert.Equal(loss, LossParameters.Decode(Words(loss.Encode())));
        Assert.True(LossParameters.Decode(Words(loss.Encode())).Fused);
        Assert.Equal(input, InputParameters.Decode(Words(input.Encode())));
    }

    [Theory]
    [InlineData(50, 16)]
    [InlineData(4, 4)]
    [InlineData(7, 3)]
    [InlineData(5, 9)]
    public void TrainingSchedule_EndsBatchesAndCountsThemLikeTheLibrarysBatchSchedule(int examples, int batchSize)
    {
        var cores = new TrainingSchedule(examples, batchSize, 2, 0.1f);
        var library = new BatchSchedule(examples, batchSize, shuffle: false, seed: 0);

        for (var example = 0; example < cores.TotalExamples; example++)
        {
            var inEpoch = example % examples;
            var (start, count) = library.BatchRange(inEpoch / batchSize);
            Assert.Equal(inEpoch == start + count - 1, cores.EndsBatch(example));
            Assert.Equal(count, cores.BatchCountOf(example));
        }
    }

    [Fact]
    public void CoreTiming_SpreadsTheFirstTicksOfAChipsCoresOverTenPercentOfThePeriod_AsTheSeed()
    {
        var run = new NeuronRun(new NeuronMappingOptions(), CostModel.Default, 1, null, null);

        var timings = Enumerable.Range(1, 17).Select(p => run.TimingFor(new CoreLocation(0, 0, p))).ToList();

        // The seed: ceil(0.1 * 5000 us / 17) = 30 us per processor.
        Assert.Equal([.. Enumerable.Range(1, 17).Select(p => (uint)(30 * p))], timings.Select(t => t.PhaseMicroseconds));
        Assert.All(timings, t => Assert.Equal(5000u, t.PeriodMicroseconds));
        Assert.All(timings, t => Assert.Equal(12u * 200, t.ErrorSpacingCycles));
        Assert.All(timings, t => Assert.Equal(100u * 200, t.FilterSpacingCycles));
    }
}
