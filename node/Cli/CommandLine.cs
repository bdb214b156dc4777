namespace DihNode.Node.Cli;

/// <summary>The <c>dihnode</c> command line: dispatches the first argument to a command.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        Console.Error.WriteLine($"dihnode: unknown command '{args[0]}'");
        Console.Error.WriteLine(Usage);
        return 2;
    }

    public const string Usage = """
        usage: dihnode COMMAND [ARGS]
        """;
}
