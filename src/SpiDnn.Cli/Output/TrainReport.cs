namespace SpiDnn.Cli.Output;

/// <summary>What <c>spidnn train --json</c> prints (snake_case names, docs/cli.md describes each field).</summary>
internal sealed record TrainReport(
    string Backend,
    string Model,
    string Data,
    int Epochs,
    int BatchSize,
    float LearningRate,
    int Seed,
    int TrainSamples,
    int TestSamples,
    int Parameters,
    float TrainLoss,
    float TrainAccuracy,
    float TestLoss,
    float TestAccuracy,
    double TrainSeconds,
    double WallSeconds,
    string? SavedWeights,
    IReadOnlyList<EpochRecord> History) : MachineFiguresReport;
