namespace DihNode.Node.Cli;

/// <summary>
/// The <c>dihnode</c> command line: dispatches the first argument to a command. Exit codes:
/// <see cref="Ok"/>, <see cref="Invalid"/> (the input is not valid RDF, or reading or writing a
/// file failed), <see cref="UsageError"/> (unknown command or option, missing file, unknown format).
/// </summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int UsageError = 2;

    private static readonly (string Name, string Synopsis, Func<CliArguments, int> Run)[] s_commands =
    [
        ("catalog", CatalogCommand.Synopsis, CatalogCommand.Run),
        ("cert", CertCommand.Synopsis, CertCommand.Run),
        ("convert", ConvertCommand.Synopsis, ConvertCommand.Run),
        ("demo", DemoCommand.Synopsis, DemoCommand.Run),
        ("dump", DumpCommand.Synopsis, DumpCommand.Run),
        ("import", ImportCommand.Synopsis, ImportCommand.Run),
        ("load", LoadCommand.Synopsis, LoadCommand.Run),
        ("network", NetworkCommand.Synopsis, NetworkCommand.Run),
        ("query", QueryCommand.Synopsis, QueryCommand.Run),
        ("serve", ServeCommand.Synopsis, ServeCommand.Run),
        ("stats", StatsCommand.Synopsis, StatsCommand.Run),
        ("update", UpdateCommand.Synopsis, UpdateCommand.Run),
        ("validate", ValidateCommand.Synopsis, ValidateCommand.Run),
        ("validate-syntax", ValidateSyntaxCommand.Synopsis, ValidateSyntaxCommand.Run),
    ];

    /// <summary>What <c>dihnode COMMAND --help</c> prints after the synopsis, for commands whose options need more than it says.</summary>
    private static readonly Dictionary<string, string> s_details = new(StringComparer.Ordinal)
    {
        ["serve"] = ServeCommand.Details,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? Console.Error : Console.Out).WriteLine(Usage);
            return args.Length == 0 ? UsageError : Ok;
        }
        foreach (var (name, synopsis, run) in s_commands)
        {
            if (name != args[0]) continue;
            if (args.Length > 1 && args[1] is "-h" or "--help")
            {
                Console.Out.WriteLine("usage: dihnode " + synopsis);
                if (s_details.TryGetValue(name, out string? details)) Console.Out.WriteLine(details);
                return Ok;
            }
            try
            {
                return run(new CliArguments(name, args.AsSpan(1)));
            }
            catch (CliUsageException e)
            {
                Console.Error.WriteLine($"dihnode {name}: {e.Message}");
                Console.Error.WriteLine("usage: dihnode " + synopsis);
                return UsageError;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"dihnode {name}: {e.Message}");
                return Invalid;
            }
        }
        Console.Error.WriteLine($"dihnode: unknown command '{args[0]}'");
        Console.Error.WriteLine(Usage);
        return UsageError;
    }

    public static string Usage =>
        "usage: dihnode COMMAND [ARGS]\ncommands:\n" +
        string.Join("\n", s_commands.Select(c => "  " + c.Synopsis)) +
        "\nformats: nt, nq, ttl, trig, rdf (RDF/XML) (from the file extension, or named with --from/--to/--format)" +
        "\nquery results: text, json, xml, csv, tsv (SELECT, ASK); ttl, nt, nq, trig, rdf, jsonld (CONSTRUCT, DESCRIBE)";
}
