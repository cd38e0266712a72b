using System.CommandLine;
using System.CommandLine.Help;
using SpiDnn.Cli.Commands;

namespace SpiDnn.Cli;

/// <summary>The <c>spidnn</c> root command: builds the command tree and runs a command line.</summary>
internal static class SpidnnCommand
{
    /// <summary>Builds the command tree; the commands write to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        // A plain command named "spidnn" rather than RootCommand, whose name is the
        // executable's file name (SpiDnn.Cli when run with dotnet run).
        var root = new Command("spidnn", "SpiDNN: Keras-style deep learning on SpiNNaker (simulated) and the host CPU.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(MapCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var parse = Create(console).Parse(args);
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return parse.Invoke(invocation);
    }
}
