using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace SpiDnn.Cli.Output;

/// <summary>
/// Shows training progress: a live bar per epoch with the running loss and accuracy when the
/// writer is a terminal, one plain line per finished epoch when it is redirected (logs, CI,
/// tests).
/// </summary>
internal static class TrainingDisplay
{
    /// <summary>Runs <paramref name="train"/> with a progress sink that writes to <paramref name="writer"/>.</summary>
    public static History Run(TextWriter writer, bool isTerminal, Func<IProgress<TrainingProgress>, History> train)
    {
        if (!isTerminal)
        {
            return train(new PlainLines(writer));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => train(new LiveBars(context)));
    }

    /// <summary>The text of one epoch's figures, shared by both displays.</summary>
    public static string Describe(TrainingProgress p)
        => string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch.ToString().PadLeft(p.Epochs.ToString(CultureInfo.InvariantCulture).Length)}/{p.Epochs}  loss {p.Loss:F4}  accuracy {p.Accuracy:F4}");

    private sealed class PlainLines(TextWriter writer) : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _epochClock = Stopwatch.StartNew();

        public void Report(TrainingProgress value)
        {
            if (value.Batch == value.BatchesPerEpoch)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Describe(value)}  ({_epochClock.Elapsed.TotalSeconds:F1} s)"));
                writer.Flush();
                _epochClock.Restart();
            }
        }
    }

    private sealed class LiveBars(ProgressContext context) : IProgress<TrainingProgress>
    {
        private ProgressTask? _task;
        private int _epoch;

        public void Report(TrainingProgress value)
        {
            if (_task is null || value.Epoch != _epoch)
            {
                _task?.StopTask();
                _epoch = value.Epoch;
                _task = context.AddTask(Describe(value), maxValue: value.BatchesPerEpoch);
            }
            _task.Description = Markup.Escape(Describe(value));
            _task.Value = value.Batch;
            if (value.Batch == value.BatchesPerEpoch)
            {
                _task.StopTask();
            }
        }
    }
}
