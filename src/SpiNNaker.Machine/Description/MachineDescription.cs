using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpiNNaker.Machine;

/// <summary>
/// A small JSON description of a machine: which boards, how big, and which chips, cores and
/// links are dead. Example:
/// <code>
/// {
///   "board": "spinn5",
///   "applicationCoresPerChip": 17,
///   "extraMonitor": false,
///   "deadChips": [[7, 7]],
///   "deadCores": [[0, 0, 17]],
///   "deadLinks": [[1, 1, "east"]]
/// }
/// </code>
/// <c>board</c> is <c>spinn3</c>, <c>spinn5</c>, <c>triads</c> (with <c>width</c> and
/// <c>height</c> in triads) or <c>virtual</c> (a torus, <c>width</c> and <c>height</c> in
/// chips). A link is named by its direction (<c>east</c>, <c>northEast</c>, <c>north</c>,
/// <c>west</c>, <c>southWest</c>, <c>south</c>) or its number 0-5. See docs/machine.md.
/// </summary>
public sealed class MachineDescription
{
    private static readonly string[] KnownProperties =
        ["board", "width", "height", "applicationCoresPerChip", "extraMonitor", "deadChips", "deadCores", "deadLinks"];

    /// <summary>The kind of machine.</summary>
    public MachineKind Kind { get; init; } = MachineKind.SpiNN5;

    /// <summary>Width in triads (<see cref="MachineKind.Triads"/>) or chips (<see cref="MachineKind.VirtualTorus"/>); 0 for single boards.</summary>
    public int Width { get; init; }

    /// <summary>Height in triads or chips, as <see cref="Width"/>.</summary>
    public int Height { get; init; }

    /// <summary>Core allocation and dead parts.</summary>
    public MachineOptions Options { get; init; } = MachineOptions.Default;

    /// <summary>Reads a description file.</summary>
    /// <exception cref="MachineDescriptionException">The file is malformed; the message names the file and the problem.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static MachineDescription Load(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return Parse(text);
        }
        catch (MachineDescriptionException e)
        {
            throw new MachineDescriptionException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses a description from JSON text.</summary>
    /// <exception cref="MachineDescriptionException">The text is malformed; the message names the problem and the value found.</exception>
    public static MachineDescription Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new MachineDescriptionException($"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MachineDescriptionException($"the description must be a JSON object; found {root.ValueKind}");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (Array.IndexOf(KnownProperties, property.Name) < 0)
                {
                    throw new MachineDescriptionException(
                        $"unknown property \"{property.Name}\"; known: {string.Join(", ", KnownProperties)}");
                }
            }

            if (!root.TryGetProperty("board", out var boardElement) || boardElement.ValueKind != JsonValueKind.String)
            {
                throw new MachineDescriptionException("\"board\" is required: one of \"spinn3\", \"spinn5\", \"triads\", \"virtual\"");
            }

            var kind = boardElement.GetString()!.ToUpperInvariant() switch
            {
                "SPINN3" or "SPINN-3" => MachineKind.SpiNN3,
                "SPINN5" or "SPINN-5" => MachineKind.SpiNN5,
                "TRIADS" => MachineKind.Triads,
                "VIRTUAL" => MachineKind.VirtualTorus,
                _ => throw new MachineDescriptionException(
                    $"unknown board \"{boardElement.GetString()}\"; expected \"spinn3\", \"spinn5\", \"triads\" or \"virtual\""),
            };

            var sized = kind is MachineKind.Triads or MachineKind.VirtualTorus;
            var width = OptionalInt(root, "width");
            var height = OptionalInt(root, "height");
            if (sized && (width is null or <= 0 || height is null or <= 0))
            {
                throw new MachineDescriptionException(
                    $"board \"{boardElement.GetString()}\" needs positive \"width\" and \"height\"; found width={Show(width)}, height={Show(height)}");
            }

            if (!sized && (width is not null || height is not null))
            {
                throw new MachineDescriptionException($"board \"{boardElement.GetString()}\" has a fixed size; remove \"width\" and \"height\"");
            }

            var cores = OptionalInt(root, "applicationCoresPerChip") ?? Chip.ProcessorsPerChip - 1;
            if (cores is < 0 or >= Chip.ProcessorsPerChip)
            {
                throw new MachineDescriptionException($"\"applicationCoresPerChip\" must be 0 to {Chip.ProcessorsPerChip - 1}; found {cores}");
            }

            var extraMonitor = false;
            if (root.TryGetProperty("extraMonitor", out var extra))
            {
                extraMonitor = extra.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new MachineDescriptionException($"\"extraMonitor\" must be true or false; found {extra.GetRawText()}"),
                };
            }

            return new MachineDescription
            {
                Kind = kind,
                Width = width ?? 0,
                Height = height ?? 0,
                Options = new MachineOptions
                {
                    ApplicationCoresPerChip = cores,
                    ReserveExtraMonitor = extraMonitor,
                    DeadChips = [.. Tuples(root, "deadChips", 2).Select(t => new ChipCoordinate(Int(t, 0, "deadChips"), Int(t, 1, "deadChips")))],
                    DeadCores = [.. Tuples(root, "deadCores", 3).Select(t => new CoreLocation(Int(t, 0, "deadCores"), Int(t, 1, "deadCores"), Int(t, 2, "deadCores")))],
                    DeadLinks = [.. Tuples(root, "deadLinks", 3).Select(t => new LinkLocation(new ChipCoordinate(Int(t, 0, "deadLinks"), Int(t, 1, "deadLinks")), Link(t[2])))],
                },
            };
        }
    }

    /// <summary>Builds the described machine.</summary>
    /// <exception cref="MachineDescriptionException">A dead part is not in the machine, or similar.</exception>
    public SpiNNakerMachine Build()
    {
        try
        {
            return Kind switch
            {
                MachineKind.SpiNN3 => MachineBuilder.SpiNN3(Options),
                MachineKind.SpiNN5 => MachineBuilder.SpiNN5(Options),
                MachineKind.Triads => MachineBuilder.Triads(Width, Height, Options),
                _ => MachineBuilder.VirtualTorus(Width, Height, Options),
            };
        }
        catch (ArgumentException e)
        {
            throw new MachineDescriptionException(e.Message, e);
        }
    }

    /// <summary>The description as JSON text that <see cref="Parse"/> reads back.</summary>
    public string ToJson()
    {
        var text = new StringBuilder();
        text.Append("{\n  \"board\": \"").Append(Kind switch
        {
            MachineKind.SpiNN3 => "spinn3",
            MachineKind.SpiNN5 => "spinn5",
            MachineKind.Triads => "triads",
            _ => "virtual",
        }).Append('"');
        if (Kind is MachineKind.Triads or MachineKind.VirtualTorus)
        {
            text.Append(CultureInfo.InvariantCulture, $",\n  \"width\": {Width},\n  \"height\": {Height}");
        }

        text.Append(CultureInfo.InvariantCulture, $",\n  \"applicationCoresPerChip\": {Options.ApplicationCoresPerChip}");
        text.Append(",\n  \"extraMonitor\": ").Append(Options.ReserveExtraMonitor ? "true" : "false");
        text.Append(",\n  \"deadChips\": [").AppendJoin(", ", Options.DeadChips.Select(c => $"[{c.X}, {c.Y}]")).Append(']');
        text.Append(",\n  \"deadCores\": [").AppendJoin(", ", Options.DeadCores.Select(c => $"[{c.X}, {c.Y}, {c.P}]")).Append(']');
        text.Append(",\n  \"deadLinks\": [").AppendJoin(", ", Options.DeadLinks.Select(l => $"[{l.Chip.X}, {l.Chip.Y}, {(int)l.Direction}]")).Append("]\n}\n");
        return text.ToString();
    }

    /// <summary>Writes the description to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "missing";

    private static int? OptionalInt(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new MachineDescriptionException($"\"{name}\" must be an integer; found {element.GetRawText()}");
        }

        return value;
    }

    private static List<JsonElement[]> Tuples(JsonElement root, string name, int length)
    {
        var list = new List<JsonElement[]>();
        if (!root.TryGetProperty(name, out var array))
        {
            return list;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new MachineDescriptionException($"\"{name}\" must be an array; found {array.GetRawText()}");
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != length)
            {
                throw new MachineDescriptionException($"each item of \"{name}\" must be an array of {length} values; found {item.GetRawText()}");
            }

            list.Add([.. item.EnumerateArray()]);
        }

        return list;
    }

    private static int Int(JsonElement[] tuple, int index, string name)
    {
        var element = tuple[index];
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new MachineDescriptionException($"\"{name}\" item [{string.Join(", ", tuple.Select(t => t.GetRawText()))}]: value {index} must be an integer; found {element.GetRawText()}");
        }

        return value;
    }

    private static Direction Link(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number) && number is >= 0 and < DirectionExtensions.LinkCount)
        {
            return (Direction)number;
        }

        if (element.ValueKind == JsonValueKind.String && Enum.TryParse<Direction>(element.GetString(), ignoreCase: true, out var named)
            && Enum.IsDefined(named) && !int.TryParse(element.GetString(), out _))
        {
            return named;
        }

        throw new MachineDescriptionException(
            $"a dead link's direction must be 0-5 or one of east, northEast, north, west, southWest, south; found {element.GetRawText()}");
    }
}
