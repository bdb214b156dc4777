using System.Globalization;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode query [--format FMT] [--base IRI] [--timeout SECONDS] DATA... QUERY.rq</c>, after Jena's
/// <c>arq</c>: loads every DATA file in one atomic load (the default graph; <c>named:FILE</c> puts FILE's
/// triples in a named graph called by the file's <c>file:</c> URL), runs the query (the last argument,
/// or <c>--query FILE</c>, or <c>--query-text TEXT</c>) and writes its result to standard output:
/// SELECT and ASK in a SPARQL result format (default an aligned text table), CONSTRUCT and DESCRIBE in
/// an RDF syntax (default Turtle). Syntax errors in the query or the data read
/// <c>FILE:LINE:COLUMN: message</c> and exit 1, as does a query that runs past its time limit.
/// With <c>--db FILE</c> (after <c>tdbquery --loc</c>) it queries a store file instead of DATA files.
/// </summary>
internal static class QueryCommand
{
    public const string Synopsis =
        "query [--format FMT] [--base IRI] [--timeout SECONDS] (DATA... | --db FILE) QUERY.rq   " +
        "(or --query FILE / --query-text TEXT; named:FILE loads FILE as a named graph)";

    private const string NamedPrefix = "named:";

    public static int Run(CliArguments args)
    {
        string? formatName = args.Option("format"), baseIri = args.Option("base"), timeoutText = args.Option("timeout");
        string? queryFile = args.Option("query"), queryText = args.Option("query-text"), db = args.Option("db");
        if (queryFile is not null && queryText is not null) throw new CliUsageException("give --query or --query-text, not both");
        bool queryIsPositional = queryFile is null && queryText is null;
        args.ExpectAtLeast(queryIsPositional ? 1 : 0);
        var positional = args.Positional;
        if (queryIsPositional) queryFile = positional[^1];
        var data = positional.Take(queryIsPositional ? positional.Count - 1 : positional.Count).ToList();
        TimeSpan? timeout = ParseTimeout(timeoutText);
        if (db is not null && data.Count > 0) throw new CliUsageException("--db queries a store: load DATA files into it with 'dihnode load'");
        if (db is not null && !File.Exists(db)) throw new CliUsageException($"no such store '{db}'");

        string querySource = queryFile ?? "<query-text>";
        if (queryFile is not null)
        {
            if (!File.Exists(queryFile)) throw new CliUsageException($"no such file '{queryFile}'");
            queryText = File.ReadAllText(queryFile);
        }
        baseIri ??= queryFile is not null ? RdfInput.FileIri(queryFile) : RdfInput.FileIri(".") + "/";
        if (Iri.Validate(baseIri) is string problem) throw new CliUsageException($"--base {baseIri} is not an absolute IRI: {problem}");

        Query query;
        try
        {
            query = SparqlParser.ParseQuery(queryText!, baseIri);
        }
        catch (SparqlSyntaxException e)
        {
            Console.Error.WriteLine($"{querySource}:{e.Line}:{e.Column}: {e.Problem}");
            return CommandLine.Invalid;
        }

        var output = QueryOutput.Resolve(formatName, query);
        using IRdfStore store = db is not null ? StoreFiles.OpenForReading(db) : new MemoryDataset();
        if (store is MemoryDataset dataset && !TryLoad(dataset, data)) return CommandLine.Invalid;

        var options = new QueryOptions { BaseIri = baseIri, Timeout = timeout };
        try
        {
            output.Write(QueryEvaluator.Execute(query, store.Snapshot(), options), query);
            return CommandLine.Ok;
        }
        catch (QueryTimeoutException)
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"dihnode query: the query did not finish within {timeoutText} s (--timeout)");
            return CommandLine.Invalid;
        }
        catch (Exception e) when (e is QueryEvaluationException or NotSupportedException)
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"dihnode query: {e.Message}");
            return CommandLine.Invalid;
        }
    }

    private static TimeSpan? ParseTimeout(string? text)
    {
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || seconds > 1e6)
            throw new CliUsageException($"--timeout wants a positive number of seconds, not '{text}'");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Loads every file in one atomic load, each in the format its extension names; a syntax error
    /// anywhere prints <c>FILE:LINE:COLUMN: message</c> and leaves the dataset empty.
    /// </summary>
    private static bool TryLoad(MemoryDataset dataset, List<string> files)
    {
        var inputs = new List<(string Path, RdfFormat Format, Iri? Graph)>(files.Count);
        foreach (string file in files)
        {
            bool named = file.StartsWith(NamedPrefix, StringComparison.Ordinal);
            string path = named ? file[NamedPrefix.Length..] : file;
            if (path is "-" or "") throw new CliUsageException($"'{file}': DATA must be a file");
            if (!File.Exists(path)) throw new CliUsageException($"no such file '{path}'");
            inputs.Add((path, RdfInput.ResolveFormat(path, null, "format"), named ? Iri.FromTrusted(RdfInput.FileIri(path)) : null));
        }
        string current = "";
        try
        {
            dataset.Load(sink =>
            {
                foreach (var (path, format, graph) in inputs)
                {
                    current = path;
                    RdfInput.Parse(path, format, null, graph is null ? sink : new NamedGraphSink(sink, graph));
                }
            });
            return true;
        }
        catch (RdfSyntaxException e)
        {
            RdfInput.ReportSyntaxError(current, e);
            return false;
        }
    }

    /// <summary>Moves the default-graph triples of a file into the named graph the file is loaded as.</summary>
    private sealed class NamedGraphSink(IQuadSink next, Iri graph) : IQuadSink
    {
        public void Add(in Quad quad)
        {
            if (quad.Graph is null) next.Add(new Quad(quad.Subject, quad.Predicate, quad.Object, graph));
            else next.Add(quad);
        }
    }
}
