using SpiDnn.Cli;

return SpidnnCommand.Run(args, CliConsole.FromSystemConsole());
