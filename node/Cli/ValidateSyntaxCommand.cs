namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode validate-syntax FILE</c>: exit 0 with "valid: N statements" when the file parses;
/// exit 1 with <c>FILE:LINE:COLUMN: message</c> on standard error when it does not.
/// </summary>
internal static class ValidateSyntaxCommand
{
    public const string Synopsis = "validate-syntax FILE [--format FMT] [--base IRI]";

    public static int Run(CliArguments args)
    {
        string? formatName = args.Option("format"), baseIri = args.Option("base");
        args.Expect(1);
        string path = args.Positional[0];
        var format = RdfInput.ResolveFormat(path, formatName, "format");
        var counter = new CountingSink();
        if (!RdfInput.TryParse(path, format, baseIri, counter)) return CommandLine.Invalid;
        Console.Out.WriteLine($"valid: {counter.Count} statements");
        return CommandLine.Ok;
    }
}
