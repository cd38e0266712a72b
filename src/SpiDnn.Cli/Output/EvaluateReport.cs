namespace SpiDnn.Cli.Output;

/// <summary>What <c>spidnn evaluate --json</c> prints.</summary>
internal sealed record EvaluateReport(
    string Backend,
    string Model,
    string Data,
    string Weights,
    int TestSamples,
    float TestLoss,
    float TestAccuracy,
    double WallSeconds) : MachineFiguresReport;
