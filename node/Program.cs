using DihNode.Node.Cli;

return CommandLine.Run(args);
