using DihNode.Rdf.Io;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Sparql.Update;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode update</c>: runs a SPARQL 1.1 Update request, either on a store file
/// (<c>--db FILE</c>, committed as one transaction) or on data files read into memory and written to
/// <c>--out</c> afterwards. A request that does not parse is reported as <c>FILE:LINE:COLUMN: message</c>,
/// and a failing operation as <c>FILE: operation N: message</c>; both exit 1 with nothing changed
/// (no store commit, no output file). LOAD reads only files under <c>--allow-load DIR</c>.
/// </summary>
internal static class UpdateCommand
{
    public const string Synopsis =
        "update (--db STORE | DATA... --out OUT [--to FMT]) UPDATE.ru [--base IRI] [--allow-load DIR] [--timeout SECONDS]";

    public static int Run(CliArguments args)
    {
        string? db = args.Option("db"), output = args.Option("out"), to = args.Option("to"), baseIri = args.Option("base"),
            allowLoad = args.Option("allow-load"), timeout = args.Option("timeout");
        if (args.Positional.Count == 0) throw new CliUsageException("missing the update file");
        args.Expect(args.Positional.Count);
        string updatePath = args.Positional[^1];
        var data = args.Positional.Take(args.Positional.Count - 1).ToList();
        if (db is not null && (output is not null || to is not null || data.Count > 0))
            throw new CliUsageException("--db updates the store in place: give no DATA files, --out or --to");
        if (db is null && output is null) throw new CliUsageException("give --db STORE, or DATA files and --out OUT");
        if (allowLoad is not null && !Directory.Exists(allowLoad)) throw new CliUsageException($"no such directory '{allowLoad}' for --allow-load");

        var options = new UpdateOptions
        {
            BaseIri = baseIri,
            LoadDirectories = allowLoad is null ? [] : [allowLoad],
            Timeout = timeout is null ? null : TimeSpan.FromSeconds(ParseSeconds(timeout)),
        };
        if (ParseRequest(updatePath, baseIri) is not { } request) return CommandLine.Invalid;
        return db is not null
            ? UpdateStore(db, updatePath, request, options)
            : UpdateFiles(data, output!, to, baseIri, updatePath, request, options);
    }

    private static double ParseSeconds(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0
            ? s : throw new CliUsageException($"--timeout needs a positive number of seconds, not '{text}'");

    /// <summary>The parsed request, or null after printing where it is malformed.</summary>
    private static UpdateRequest? ParseRequest(string path, string? baseIri)
    {
        if (!File.Exists(path)) throw new CliUsageException($"no such file '{path}'");
        string text = File.ReadAllText(path);
        try
        {
            return SparqlParser.ParseUpdate(text, baseIri ?? new Uri(Path.GetFullPath(path)).AbsoluteUri);
        }
        catch (SparqlSyntaxException e)
        {
            Console.Error.WriteLine($"{path}:{e.Line}:{e.Column}: {e.Problem}");
            return null;
        }
    }

    private static int UpdateStore(string db, string updatePath, UpdateRequest request, UpdateOptions options)
    {
        SqliteRdfStore store;
        try
        {
            store = StoreFiles.OpenForUpdate(db);
        }
        catch (StoreFileException e)
        {
            Console.Error.WriteLine($"dihnode update: {e.Message}");
            return CommandLine.Invalid;
        }
        using (store)
        {
            if (Execute(store, updatePath, request, options) is not { } summary) return CommandLine.Invalid;
            Report(summary, store.QuadCount);
            return CommandLine.Ok;
        }
    }

    private static int UpdateFiles(List<string> data, string output, string? to, string? baseIri, string updatePath, UpdateRequest request, UpdateOptions options)
    {
        var outFormat = RdfInput.ResolveFormat(output, to, "to");
        if (outFormat is RdfFormat.JsonLd) throw new CliUsageException($"cannot write {outFormat} yet");
        var dataset = new MemoryDataset();
        foreach (string path in data)
        {
            var format = RdfInput.ResolveFormat(path, null, "from");
            bool parsed = true;
            dataset.Load(sink => parsed = RdfInput.TryParse(path, format, baseIri, sink));
            if (!parsed) return CommandLine.Invalid;
        }
        if (Execute(dataset, updatePath, request, options) is not { } summary) return CommandLine.Invalid;
        if (!RdfOutput.TryWrite(output, outFormat, dataset.Quads(), "update")) return CommandLine.Invalid;
        Report(summary, dataset.QuadCount);
        return CommandLine.Ok;
    }

    /// <summary>Runs the request; null after printing why it failed (then nothing changed).</summary>
    private static UpdateSummary? Execute(IRdfStore store, string updatePath, UpdateRequest request, UpdateOptions options)
    {
        try
        {
            return UpdateExecutor.Execute(request, store, options);
        }
        catch (UpdateExecutionException e)
        {
            Console.Error.WriteLine($"{updatePath}: {e.Message}");
        }
        catch (QueryEvaluationException e)
        {
            Console.Error.WriteLine($"{updatePath}: {e.Message}");
        }
        return null;
    }

    private static void Report(UpdateSummary summary, long total) =>
        Console.Error.WriteLine($"{summary.QuadsRemoved} quads removed, {summary.QuadsAdded} added, {total} in the store");
}
