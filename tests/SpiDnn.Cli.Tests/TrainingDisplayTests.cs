using SpiDnn.Cli.Output;

namespace SpiDnn.Cli.Tests;

public sealed class TrainingDisplayTests
{
    private static History Simulate(IProgress<TrainingProgress> progress)
    {
        // Two epochs of three batches, with made-up but distinct figures.
        for (var epoch = 1; epoch <= 2; epoch++)
        {
            for (var batch = 1; batch <= 3; batch++)
            {
                progress.Report(new TrainingProgress(epoch, 2, batch, 3, Loss: 1f / (epoch * batch), Accuracy: 0.25f * epoch));
            }
        }
        var history = new History();
        history.AddEpoch(1f / 3, 0.25f);
        history.AddEpoch(1f / 6, 0.5f);
        return history;
    }

    [Fact]
    public void Redirected_WritesOnePlainLinePerFinishedEpoch()
    {
        using var writer = new StringWriter();

        var history = TrainingDisplay.Run(writer, isTerminal: false, Simulate);

        Assert.Equal(2, history.Epochs);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 1/2  loss 0.3333  accuracy 0.2500  (", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("epoch 2/2  loss 0.1667  accuracy 0.5000  (", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_DrawsABarPerEpochEndingWithItsFinalFigures()
    {
        using var writer = new StringWriter();

        var history = TrainingDisplay.Run(writer, isTerminal: true, Simulate);

        Assert.Equal(2, history.Epochs);
        var text = writer.ToString();
        Assert.Contains("epoch 1/2  loss 0.3333  accuracy 0.2500", text, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2  loss 0.1667  accuracy 0.5000", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
    }
}
