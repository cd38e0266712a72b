using System.CommandLine;
using SpiDnn.Backends;
using SpiDnn.Backends.Host;

namespace SpiDnn.Cli.Options;

/// <summary>
/// Where a model runs: <c>--backend host</c> (the CPU reference backend) or, once it lands,
/// <c>--backend spinnaker</c> with <c>--mapping neuron|blocked</c> and
/// <c>--machine spinn3|spinn5|file.json</c>. The SpiNNaker choices are parsed and checked
/// already, so scripts written now keep working; until the backend exists it is refused
/// with a clear error.
/// </summary>
internal sealed class BackendOptions
{
    /// <summary>The name of the host CPU backend.</summary>
    public const string Host = "host";

    /// <summary>The name of the SpiNNaker backend.</summary>
    public const string SpiNNaker = "spinnaker";

    /// <summary>The backends the option accepts.</summary>
    public static IReadOnlyList<string> Backends { get; } = [Host, SpiNNaker];

    /// <summary>The ways a model can be mapped onto SpiNNaker cores.</summary>
    public static IReadOnlyList<string> Mappings { get; } = ["neuron", "blocked"];

    /// <summary>The built-in machines; anything else must be a machine description file (.json).</summary>
    public static IReadOnlyList<string> Machines { get; } = ["spinn3", "spinn5"];

    /// <summary><c>--backend</c>, default <c>host</c>.</summary>
    public Option<string> Backend { get; } = new Option<string>("--backend")
    {
        Description = "Where the model runs: host (the CPU reference backend) or spinnaker (not available yet).",
        DefaultValueFactory = _ => Host,
        HelpName = string.Join("|", Backends),
    }.OneOf(Backends).Available();

    /// <summary><c>--mapping</c> (SpiNNaker only).</summary>
    public Option<string> Mapping { get; } = new Option<string>("--mapping")
    {
        Description = "How layers become SpiNNaker cores: neuron (one neuron per core, the thesis design) or blocked (weight blocks per core). SpiNNaker backend only.",
        HelpName = string.Join("|", Mappings),
    }.OneOf(Mappings);

    /// <summary><c>--machine</c> (SpiNNaker only).</summary>
    public Option<string> Machine { get; } = new Option<string>("--machine")
    {
        Description = "The SpiNNaker machine: spinn3 (4 chips), spinn5 (48 chips) or a machine description file (.json). SpiNNaker backend only.",
        HelpName = "spinn3|spinn5|file.json",
    };

    /// <summary>Creates the options with their cross-option rules.</summary>
    public BackendOptions()
    {
        Machine.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || Machines.Contains(value))
            {
                return;
            }
            if (!value.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"{Machine.Name} must be one of: {string.Join(", ", Machines)}, or a machine description file ending in .json. Received: '{value}'");
            }
            else if (!File.Exists(value))
            {
                result.AddError($"{Machine.Name}: the machine description file '{value}' does not exist");
            }
        });
    }

    /// <summary>Adds the three options and their combined rule to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(Mapping);
        command.Options.Add(Machine);
        command.Validators.Add(result =>
        {
            // The option's default is not visible to command validators: unset means host.
            if ((result.GetValue(Backend) ?? Host) != Host)
            {
                return;
            }
            foreach (var option in new[] { Mapping, Machine })
            {
                if (result.GetValue(option) is { } value)
                {
                    result.AddError($"{option.Name} '{value}' applies only to --backend {SpiNNaker}. Received: --backend {Host}");
                }
            }
        });
    }

    /// <summary>The backend name for reports.</summary>
    public string Describe(ParseResult parse) => parse.GetRequiredValue(Backend);

    /// <summary>The backend to compile models with.</summary>
    public IBackend Create(ParseResult parse)
        => parse.GetRequiredValue(Backend) switch
        {
            Host => new HostBackend(),
            var other => throw new CliUsageException($"--backend {other} is not available in this build"),
        };
}

/// <summary>The rule that refuses backends this build cannot run yet.</summary>
internal static class BackendAvailability
{
    /// <summary>Refuses <c>spinnaker</c> with a clear message until the SpiNNaker backend lands.</summary>
    public static Option<string> Available(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() == BackendOptions.SpiNNaker)
            {
                result.AddError($"{option.Name} {BackendOptions.SpiNNaker} is not available yet: the SpiNNaker backend has not landed in this build. Use {option.Name} {BackendOptions.Host}");
            }
        });
        return option;
    }
}
