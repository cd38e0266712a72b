using System.Globalization;

namespace SpiDnn.Bench;

/// <summary>Reads <c>--name value</c> options of a benchmark, with clear errors for bad values.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = [];

    public BenchOptions(IReadOnlyList<string> args, params string[] known)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || Array.IndexOf(known, name[2..]) < 0)
            {
                throw new ArgumentException($"unknown option '{name}'; known: {string.Join(", ", known.Select(k => "--" + k))}");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"option '{name}' needs a value");
            }

            _values[name[2..]] = args[++i];
        }
    }

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var text)
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"--{name} must be a non-negative integer; received '{text}'")
        : fallback;

    public bool Flag(string name, bool fallback) => _values.TryGetValue(name, out var text)
        ? bool.TryParse(text, out var value) ? value : throw new ArgumentException($"--{name} must be true or false; received '{text}'")
        : fallback;
}
