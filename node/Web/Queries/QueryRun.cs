using System.Diagnostics;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Node.Web.Queries;

/// <summary>Why a query gave no result: a syntax error (with its place), or a failure while it ran.</summary>
internal sealed record QueryProblem(string Message, int? Line = null, int? Column = null, bool Syntax = false);

/// <summary>
/// A query run for the SPARQL page, in process over one snapshot of the node's RDF store. Like the
/// node's endpoint, a query that names no dataset reads the union of all graphs as its default graph
/// (and every graph by name); the node's time and memory limits apply.
/// </summary>
internal sealed class QueryRun
{
    private QueryRun() { }

    public Query? Query { get; private init; }

    public QueryResult? Result { get; private init; }

    public QueryProblem? Problem { get; private init; }

    /// <summary>The node's base IRI, to link its own IRIs to the pages that serve them.</summary>
    public string BaseIri { get; private init; } = "";

    /// <summary>The site path of a node IRI (<c>/hub/…</c>), else the IRI.</summary>
    public string LocalPath(string iri) =>
        iri.Length > BaseIri.Length && iri.StartsWith(BaseIri, StringComparison.Ordinal) && iri[BaseIri.Length] == '/' ? iri[BaseIri.Length..] : iri;

    /// <summary>When parsing started (a <see cref="Stopwatch"/> timestamp), for the time shown.</summary>
    public long Started { get; private init; }

    /// <summary>Parses and starts <paramref name="text"/>; the rows are produced while <see cref="Result"/> is read.</summary>
    public static QueryRun Start(NodeStore store, NodeOptions options, string text, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        Query query;
        try
        {
            query = SparqlParser.ParseQuery(text, store.Iris.Base + "/");
        }
        catch (SparqlSyntaxException e)
        {
            return new QueryRun { BaseIri = store.Iris.Base, Started = started, Problem = new QueryProblem(e.Problem, e.Line, e.Column, Syntax: true) };
        }
        var snapshot = store.Rdf.Snapshot();
        var queryOptions = new QueryOptions
        {
            BaseIri = store.Iris.Base + "/",
            Timeout = options.QueryTimeout,
            MaxIntermediateRows = options.MaxIntermediateRows,
            CancellationToken = cancellationToken,
            UnionDefaultGraph = true,
        };
        try
        {
            return new QueryRun { BaseIri = store.Iris.Base, Started = started, Query = query, Result = QueryEvaluator.Execute(query, snapshot, queryOptions) };
        }
        catch (Exception e) when (Failure(e) is { } problem)
        {
            return new QueryRun { BaseIri = store.Iris.Base, Started = started, Query = query, Problem = problem };
        }
    }

    /// <summary>What to tell the user about an exception met while the query ran; null for the ones that are not the query's fault.</summary>
    public static QueryProblem? Failure(Exception e) => e switch
    {
        QueryTimeoutException t => new QueryProblem($"The query did not finish within {t.Limit.TotalSeconds:0} seconds. Narrow it down (a LIMIT, a more specific pattern) and try again."),
        QueryLimitException l => new QueryProblem($"The query needed more than {l.Limit:N0} rows in memory. Narrow it down and try again."),
        QueryEvaluationException q => new QueryProblem(q.Message),
        NotSupportedException n => new QueryProblem("Not supported here: " + n.Message),
        _ => null,
    };
}
