using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SpiDnn.Cli.Options;

/// <summary>
/// Parsers and validators attached to options: each error names the option and the value
/// received, so that a wrong command line is fixed from the message alone.
/// </summary>
internal static class OptionRules
{
    /// <summary>The value must be an integer (any sign).</summary>
    public static Option<int> Integer(this Option<int> option)
    {
        option.CustomParser = result => ParseInteger(result, option.Name) ?? 0;
        return option;
    }

    /// <summary>The value, when given, must be an integer of at least 1.</summary>
    public static Option<int?> Positive(this Option<int?> option)
    {
        option.CustomParser = result =>
        {
            var value = ParseInteger(result, option.Name);
            if (value <= 0)
            {
                result.AddError($"{option.Name} must be a positive integer. Received: {value}");
                return null;
            }
            return value;
        };
        return option;
    }

    /// <summary>The value, when given, must be a finite number greater than 0.</summary>
    public static Option<float?> PositiveFinite(this Option<float?> option)
    {
        option.CustomParser = result =>
        {
            var token = SingleToken(result);
            if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value) || value <= 0)
            {
                result.AddError($"{option.Name} must be a finite number greater than 0. Received: '{token}'");
                return null;
            }
            return value;
        };
        return option;
    }

    /// <summary>The value, when given, must be one of <paramref name="allowed"/> (case-sensitive).</summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyList<string> allowed)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !allowed.Contains(value))
            {
                result.AddError($"{option.Name} must be one of: {string.Join(", ", allowed)}. Received: '{value}'");
            }
        });
        option.CompletionSources.Add(allowed.ToArray());
        return option;
    }

    /// <summary>The value, when given, must name an existing file.</summary>
    public static Option<string> ExistingFile(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !File.Exists(value))
            {
                result.AddError($"{option.Name}: the file '{value}' does not exist");
            }
        });
        return option;
    }

    /// <summary>The value, when given, must name a file (new or existing) in an existing directory.</summary>
    public static Option<string> InExistingDirectory(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null)
            {
                return;
            }

            var full = Path.GetFullPath(value);
            if (Directory.Exists(full))
            {
                result.AddError($"{option.Name}: '{value}' is a directory; give a file name");
            }
            else if (Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
            {
                result.AddError($"{option.Name}: the directory of '{value}' ({directory}) does not exist");
            }
        });
        return option;
    }

    /// <summary>The value, when given, must name an existing directory.</summary>
    public static Option<string> ExistingDirectory(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !Directory.Exists(value))
            {
                result.AddError($"{option.Name}: the directory '{value}' does not exist");
            }
        });
        return option;
    }

    private static int? ParseInteger(ArgumentResult result, string name)
    {
        var token = SingleToken(result);
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} must be an integer. Received: '{token}'");
            return null;
        }
        return value;
    }

    // Options take exactly one value: the parser has already rejected zero or several tokens.
    private static string SingleToken(ArgumentResult result) => result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
}
