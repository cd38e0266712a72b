namespace SpiDnn.Cli.Tests;

/// <summary>Every wrong command line is refused before any work, with the option and the value in the message.</summary>
public sealed class CommandLineValidationTests
{
    private static void AssertUsageError(CliRun run, params string[] fragments)
    {
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Train_UnknownModel_NamesOptionValueAndChoices()
        => AssertUsageError(CliRun.Of("train", "--model", "resnet"), "--model must be one of: mlp, cnn1d. Received: 'resnet'");

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--batch-size", "0")]
    [InlineData("--batch-size", "-3")]
    [InlineData("--train-samples", "0")]
    [InlineData("--test-samples", "-1")]
    public void Train_NonPositiveCount_NamesOptionAndValue(string option, string value)
        => AssertUsageError(CliRun.Of("train", option, value), $"{option} must be a positive integer. Received: {value}");

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Train_BadLearningRate_NamesOptionAndValue(string value)
        => AssertUsageError(CliRun.Of("train", "--learning-rate", value), "--learning-rate must be a finite number greater than 0. Received: ");

    [Theory]
    [InlineData("--epochs", "abc")]
    [InlineData("--batch-size", "1.5")]
    [InlineData("--learning-rate", "fast")]
    [InlineData("--seed", "x")]
    public void Train_NotANumber_NamesOptionAndValue(string option, string value)
        => AssertUsageError(CliRun.Of("train", option, value), option, $"'{value}'");

    [Fact]
    public void Train_UnknownBackend_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("train", "--backend", "gpu"), "--backend must be one of: host, spinnaker. Received: 'gpu'");

    [Fact]
    public void Train_BackwardVariantWithHostBackend_IsRefused()
        => AssertUsageError(CliRun.Of("train", "--backend", "host", "--backward", "shared"), "--backward 'shared' applies only to --backend spinnaker");

    [Fact]
    public void Train_BackwardVariantWithTheDefaultBlockedMapping_IsRefused()
        => AssertUsageError(CliRun.Of("train", "--backward", "shared"), "--backward 'shared' applies only to --mapping neuron. Received: --mapping blocked");

    [Fact]
    public void Train_ReinjectionWithHostBackend_IsRefused()
        => AssertUsageError(CliRun.Of("train", "--backend", "host", "--reinjection"), "--reinjection applies only to --backend spinnaker");

    [Fact]
    public void Train_NumberFormatWithHostBackend_IsRefused()
        => AssertUsageError(CliRun.Of("train", "--backend", "host", "--number-format", "fixed"), "--number-format 'fixed' applies only to --backend spinnaker");

    [Fact]
    public void Train_UnknownNumberFormat_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("train", "--number-format", "double"), "--number-format must be one of: float, fixed. Received: 'double'");

    [Fact]
    public void Train_ReplicasWithTheNeuronMapping_IsRefused()
        => AssertUsageError(CliRun.Of("train", "--mapping", "neuron", "--replicas", "2"), "--replicas 2 applies only to --mapping blocked. Received: --mapping neuron");

    [Fact]
    public void Train_NonPositiveReplicas_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("train", "--replicas", "0"), "--replicas must be a positive integer. Received: 0");

    [Fact]
    public void Train_UnknownBackwardVariant_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("train", "--backend", "spinnaker", "--mapping", "neuron", "--backward", "broadcast"),
            "--backward must be one of: multicast, shared. Received: 'broadcast'");

    [Fact]
    public void Train_MappingWithHostBackend_IsRefused()
        => AssertUsageError(CliRun.Of("train", "--backend", "host", "--mapping", "neuron"), "--mapping 'neuron' applies only to --backend spinnaker");

    [Fact]
    public void Train_UnknownMapping_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("train", "--backend", "spinnaker", "--mapping", "diagonal"),
            "--mapping must be one of: neuron, blocked. Received: 'diagonal'");

    [Fact]
    public void Train_UnknownMachine_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("train", "--backend", "spinnaker", "--machine", "spinn7"),
            "--machine must be one of: spinn3, spinn5, or a machine description file ending in .json. Received: 'spinn7'");

    [Fact]
    public void Train_MissingMachineFile_NamesTheFile()
        => AssertUsageError(CliRun.Of("train", "--backend", "spinnaker", "--machine", "no-such-board.json"),
            "--machine: the machine description file 'no-such-board.json' does not exist");

    [Fact]
    public void Train_UnknownOption_IsReported()
        => AssertUsageError(CliRun.Of("train", "--epochz", "3"), "--epochz");

    [Fact]
    public void Train_MissingDataDirectory_NamesIt()
        => AssertUsageError(CliRun.Of("train", "--data", "/no/such/mnist"), "--data: the directory '/no/such/mnist' does not exist");

    [Fact]
    public void Train_MoreSamplesThanTheData_NamesTheLimit()
        => AssertUsageError(CliRun.Of("train", "--train-samples", "9000"), "--train-samples 9000 is more than the 8000 training examples available");

    [Fact]
    public void Evaluate_WithoutWeights_SaysTheOptionIsRequired()
        => AssertUsageError(CliRun.Of("evaluate"), "--weights");

    [Fact]
    public void Evaluate_MissingWeightsFile_NamesTheFile()
        => AssertUsageError(CliRun.Of("evaluate", "--weights", "missing.h5"), "--weights: the file 'missing.h5' does not exist");

    [Fact]
    public void Predict_ZeroCount_NamesOptionAndValue()
        => AssertUsageError(CliRun.Of("predict", "--weights", "missing.h5", "--count", "0"), "--count must be a positive integer. Received: 0");

    [Fact]
    public void UnknownCommand_IsReported()
        => AssertUsageError(CliRun.Of("fly"), "fly");
}
