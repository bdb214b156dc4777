using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Node.Cli;

/// <summary>
/// How <c>dihnode query</c> writes a result: SELECT and ASK as an aligned text table or a SPARQL result
/// format (json, xml, csv, tsv); CONSTRUCT and DESCRIBE graphs in an RDF syntax (ttl, nt, nq, trig,
/// rdf, jsonld; "xml" names RDF/XML there). The format is checked against the query form before any data is loaded. Rows stream to
/// standard output as the evaluator produces them, except for the text table, which needs every
/// row to size its columns.
/// </summary>
internal sealed class QueryOutput
{
    private const string SolutionFormats = "text, json, xml, csv or tsv";
    private const string GraphFormats = "ttl, nt, nq, trig, rdf or jsonld";

    private readonly SparqlResultFormat? _results;
    private readonly RdfFormat _graph;

    private QueryOutput(SparqlResultFormat? results, RdfFormat graph)
    {
        _results = results;
        _graph = graph;
    }

    /// <summary>The output for <paramref name="name"/> (null: text for solutions, Turtle for graphs); a usage error when it does not fit the query form.</summary>
    public static QueryOutput Resolve(string? name, Query query)
    {
        bool graph = query.Form is QueryForm.Construct or QueryForm.Describe;
        string form = query.Form.ToString().ToUpperInvariant();
        if (!graph)
        {
            if (name is null || name.Equals("text", StringComparison.OrdinalIgnoreCase)) return new QueryOutput(null, default);
            var results = SparqlResultFormats.FromName(name);
            if (results is null)
                throw new CliUsageException($"--format {name} does not fit a {form} query; use {SolutionFormats}");
            if (query.Form == QueryForm.Ask && !results.Value.SupportsBoolean())
                throw new CliUsageException($"--format {name} cannot carry an ASK result; use text, json or xml");
            return new QueryOutput(results, default);
        }
        var rdf = name is null ? RdfFormat.Turtle : RdfFormats.FromName(name);
        if (rdf is null)
            throw new CliUsageException($"--format {name} does not fit a {form} query; use {GraphFormats}");
        // Fail before loading anything when there is no writer for the syntax yet.
        try
        {
            using var probe = RdfWriter.Create(Stream.Null, rdf.Value);
        }
        catch (NotSupportedException)
        {
            string syntax = rdf.Value switch { RdfFormat.JsonLd => "JSON-LD", RdfFormat.RdfXml => "RDF/XML", var other => other.ToString() };
            throw new CliUsageException($"cannot write {syntax} yet; use ttl, nt, nq, trig or rdf");
        }
        return new QueryOutput(null, rdf.Value);
    }

    /// <summary>Writes the whole result to standard output (evaluation runs while it is written).</summary>
    public void Write(QueryResult result, Query query)
    {
        using var stream = new TextWriterStream(Console.Out);
        switch (result)
        {
            case SelectResult select when _results is null:
                TextTable.WriteSelect(Console.Out, select, query.Prefixes);
                break;
            case AskResult ask when _results is null:
                Console.Out.WriteLine(ask.Value ? "Ask => Yes" : "Ask => No");
                break;
            case SelectResult select:
                {
                    using var writer = SparqlResultWriter.Create(stream, _results.Value);
                    writer.Begin([.. select.Variables.Select(v => v.Name)]);
                    foreach (Term?[] row in select.Rows) writer.WriteRow(row);
                    writer.End();
                    break;
                }
            case AskResult ask:
                {
                    using var writer = SparqlResultWriter.Create(stream, _results.Value);
                    writer.WriteBoolean(ask.Value);
                    break;
                }
            case GraphResult graph:
                {
                    var options = new RdfWriterOptions { Prefixes = query.Prefixes };
                    using var writer = RdfWriter.Create(stream, _graph, options);
                    foreach (Triple t in graph.Triples) writer.Add(new Quad(t));
                    writer.Finish();
                    break;
                }
            default:
                throw new InvalidOperationException($"unknown query result {result.GetType().Name}");
        }
        stream.Flush();
    }
}
