using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpiDnn.Cli.Output;

/// <summary>
/// The JSON form of the reports (System.Text.Json, source-generated): snake_case names,
/// indented, and NaN/Infinity written as strings rather than failing when training diverges.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrainReport))]
[JsonSerializable(typeof(EvaluateReport))]
[JsonSerializable(typeof(PredictReport))]
[JsonSerializable(typeof(MapReport))]
internal sealed partial class ReportJson : JsonSerializerContext
{
    /// <summary>Writes <paramref name="report"/> as one JSON object and a newline.</summary>
    public static void Write<T>(TextWriter writer, T report)
    {
        var typeInfo = Default.GetTypeInfo(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not a report type");
        writer.WriteLine(JsonSerializer.Serialize(report, typeInfo));
    }
}
