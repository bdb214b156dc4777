using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode dump --db FILE OUT</c>: writes every quad of a store (one consistent snapshot) to OUT,
/// in the format of its extension (N-Quads or TriG for named graphs), or to standard output ("-",
/// with --format). Never creates a store.
/// </summary>
internal static class DumpCommand
{
    public const string Synopsis = "dump --db FILE OUT [--format FMT]   ('-' is stdout)";

    public static int Run(CliArguments args)
    {
        string db = args.Option("db") ?? throw new CliUsageException("--db FILE is required");
        string? formatName = args.Option("format");
        args.Expect(1);
        string output = args.Positional[0];
        var format = RdfInput.ResolveFormat(output, formatName, "format");
        if (!File.Exists(db)) throw new CliUsageException($"no such store '{db}'");

        using var store = StoreFiles.OpenForReading(db);
        var snapshot = store.Snapshot();
        long count = 0;
        using (var stream = output == "-" ? (Stream)new TextWriterStream(Console.Out) : new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = RdfWriter.Create(stream, format))
        {
            try
            {
                foreach (var q in snapshot.Find(QuadPattern.InAllGraphs()))
                {
                    writer.Add(new Quad((NamedOrBlankNode)snapshot.GetTerm(q.S), (Iri)snapshot.GetTerm(q.P), snapshot.GetTerm(q.O),
                        q.G == TermIds.DefaultGraph ? null : (NamedOrBlankNode)snapshot.GetTerm(q.G)));
                    count++;
                }
                writer.Finish();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"dihnode dump: {e.Message}");
                return CommandLine.Invalid;
            }
        }
        Console.Error.WriteLine($"{count} quads");
        return CommandLine.Ok;
    }
}
