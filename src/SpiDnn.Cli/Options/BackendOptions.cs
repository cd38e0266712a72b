using System.CommandLine;
using SpiDnn.Backends;
using SpiDnn.Backends.Host;
using SpiDnn.Backends.SpiNNaker;
using SpiDnn.Backends.SpiNNaker.Blocked;
using SpiDnn.Backends.SpiNNaker.Neuron;
using Format = SpiNNaker.Simulator.NumberFormat;

namespace SpiDnn.Cli.Options;

/// <summary>
/// Where a model runs: <c>--backend spinnaker</c> (the default: a simulated SpiNN-5 board with
/// the blocked mapping) or <c>--backend host</c> (the CPU reference backend); for SpiNNaker
/// <c>--mapping blocked|neuron</c>, <c>--machine spinn3|spinn5|file.json</c>,
/// <c>--number-format float|fixed</c>, <c>--reinjection</c>, for the blocked mapping
/// <c>--replicas N</c> and for the neuron mapping <c>--backward multicast|shared</c>.
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

    /// <summary>The backward-pass variants of the neuron mapping.</summary>
    public static IReadOnlyList<string> BackwardVariants { get; } = ["multicast", "shared"];

    /// <summary>The number formats of the SpiNNaker cores.</summary>
    public static IReadOnlyList<string> NumberFormats { get; } = ["float", "fixed"];

    /// <summary><c>--backend</c>, default <c>spinnaker</c>.</summary>
    public Option<string> Backend { get; } = new Option<string>("--backend")
    {
        Description = "Where the model runs: spinnaker (a simulated SpiNNaker machine, the default) or host (the CPU reference backend).",
        DefaultValueFactory = _ => SpiNNaker,
        HelpName = string.Join("|", Backends),
    }.OneOf(Backends);

    /// <summary><c>--mapping</c> (SpiNNaker only), default <c>blocked</c>.</summary>
    public Option<string> Mapping { get; } = new Option<string>("--mapping")
    {
        Description = "How layers become SpiNNaker cores: blocked (weight blocks, pipelined, the default) or neuron (one neuron per core, the thesis design). SpiNNaker backend only.",
        HelpName = string.Join("|", Mappings),
    }.OneOf(Mappings);

    /// <summary><c>--number-format</c> (SpiNNaker only), default <c>float</c>.</summary>
    public Option<string> NumberFormat { get; } = new Option<string>("--number-format")
    {
        Description = "How the SpiNNaker cores compute: float (software floating point, equal to the host backend; the default) or fixed (s16.15 fixed point, blocked mapping only).",
        HelpName = string.Join("|", NumberFormats),
    }.OneOf(NumberFormats);

    /// <summary><c>--replicas</c> (blocked mapping only), default 1.</summary>
    public Option<int?> Replicas { get; } = new Option<int?>("--replicas")
    {
        Description = "Copies of the model on the machine, each training on a share of every batch and combining gradients at each batch end (blocked mapping only; default 1).",
        HelpName = "N",
    };

    /// <summary><c>--machine</c> (SpiNNaker only), default <c>spinn5</c>.</summary>
    public Option<string> Machine { get; } = new Option<string>("--machine")
    {
        Description = "The SpiNNaker machine: spinn3 (4 chips), spinn5 (48 chips) or a machine description file (.json). SpiNNaker backend only; default spinn5.",
        HelpName = "spinn3|spinn5|file.json",
    };

    /// <summary><c>--backward</c> (neuron mapping only), default <c>multicast</c>.</summary>
    public Option<string> Backward { get; } = new Option<string>("--backward")
    {
        Description = "How the neuron mapping sends errors backwards: multicast (each error to all predecessors, the seed's final version) or shared (shared parameters: one error per neuron). Default multicast.",
        HelpName = string.Join("|", BackwardVariants),
    }.OneOf(BackwardVariants);

    /// <summary><c>--reinjection</c> (SpiNNaker only): every chip re-sends dropped packets.</summary>
    public Option<bool> Reinjection { get; } = new Option<bool>("--reinjection")
    {
        Description = "Run a reinjector on every chip (one application core less per chip) that re-sends dropped packets. SpiNNaker backend only.",
    };

    /// <summary>Creates the options with their cross-option rules.</summary>
    public BackendOptions()
    {
        Replicas.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var value)
            {
                result.AddError($"{Replicas.Name} must be a positive integer. Received: {value}");
            }
        });
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

    /// <summary>
    /// Adds the options and their combined rule to <paramref name="command"/>; without
    /// <paramref name="withBackend"/> there is no <c>--backend</c> (a command that only
    /// concerns SpiNNaker, such as <c>map</c>).
    /// </summary>
    public void AddTo(Command command, bool withBackend = true)
    {
        if (withBackend)
        {
            command.Options.Add(Backend);
        }

        command.Options.Add(Mapping);
        command.Options.Add(Machine);
        command.Options.Add(Backward);
        command.Options.Add(Reinjection);
        command.Options.Add(NumberFormat);
        command.Options.Add(Replicas);
        command.Validators.Add(result =>
        {
            // The option's default is not visible to command validators: unset means spinnaker.
            if (!withBackend || (result.GetValue(Backend) ?? SpiNNaker) != Host)
            {
                var mapping = result.GetValue(Mapping) ?? BlockedMapping.MappingName;
                if (result.GetValue(Backward) is { } backward && mapping != NeuronMapping.MappingName)
                {
                    result.AddError($"{Backward.Name} '{backward}' applies only to --mapping neuron. Received: --mapping {mapping}");
                }
                if (result.GetValue(Replicas) is { } replicas && mapping != BlockedMapping.MappingName)
                {
                    result.AddError($"{Replicas.Name} {replicas} applies only to --mapping blocked. Received: --mapping {mapping}");
                }
                return;
            }
            foreach (var option in new[] { Mapping, Machine, Backward, NumberFormat })
            {
                if (result.GetValue(option) is { } value)
                {
                    result.AddError($"{option.Name} '{value}' applies only to --backend {SpiNNaker}. Received: --backend {Host}");
                }
            }
            if (result.GetValue(Reinjection))
            {
                result.AddError($"{Reinjection.Name} applies only to --backend {SpiNNaker}. Received: --backend {Host}");
            }
            if (result.GetValue(Replicas) is { } count)
            {
                result.AddError($"{Replicas.Name} {count} applies only to --backend {SpiNNaker}. Received: --backend {Host}");
            }
        });
    }

    /// <summary>The backend name for reports.</summary>
    public string Describe(ParseResult parse) => parse.GetRequiredValue(Backend);

    /// <summary>The mapping's name (default <c>blocked</c>).</summary>
    public string MappingName(ParseResult parse) => parse.GetValue(Mapping) ?? BlockedMapping.MappingName;

    /// <summary>The machine's name: <c>spinn3</c>, <c>spinn5</c> (default) or the description file as given.</summary>
    public string MachineName(ParseResult parse) => parse.GetValue(Machine) ?? "spinn5";

    /// <summary>The backend to compile models with.</summary>
    /// <exception cref="CliUsageException">The mapping is not in this build.</exception>
    public IBackend Create(ParseResult parse) =>
        parse.GetRequiredValue(Backend) == Host ? new HostBackend() : CreateSpiNNaker(parse);

    /// <summary>The SpiNNaker backend of the options (whatever <c>--backend</c> says).</summary>
    /// <exception cref="CliUsageException">The mapping is not in this build.</exception>
    public SpiNNakerBackend CreateSpiNNaker(ParseResult parse)
    {
        var mapping = MappingName(parse);
        if (!SpiNNakerBackend.MappingNames.Contains(mapping))
        {
            throw new CliUsageException(
                $"{Mapping.Name} {mapping} is not available in this build; available: {string.Join(", ", SpiNNakerBackend.MappingNames)}");
        }
        return new SpiNNakerBackend(new SpiNNakerBackendOptions
        {
            Machine = MachineChoice.Parse(MachineName(parse)),
            Mapping = mapping,
            Reinjection = parse.GetValue(Reinjection),
            NumberFormat = parse.GetValue(NumberFormat) == "fixed" ? Format.FixedS1615 : Format.Float,
            Blocked = BlockedOptions.Default with { Replicas = parse.GetValue(Replicas) ?? 1 },
            Neuron = new NeuronMappingOptions
            {
                BackwardVariant = parse.GetValue(Backward) == "shared" ? BackwardVariant.SharedParameters : BackwardVariant.MulticastEachError,
            },
        });
    }
}
