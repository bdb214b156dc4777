using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>How many quad removals and additions of an update request took effect (a MOVE counts both).</summary>
public readonly record struct UpdateSummary(long QuadsRemoved, long QuadsAdded);

/// <summary>
/// Executes SPARQL 1.1 Update requests (https://www.w3.org/TR/sparql11-update/#updateLanguage) on an
/// <see cref="IRdfStore"/>. A request is one write transaction: its operations run in order, each
/// seeing the effects of the ones before, and it commits only when all succeeded; any failure (an
/// operation error without SILENT, cancellation, timeout) leaves the store as it was.
/// </summary>
/// <remarks>
/// Graph existence: the store keeps no empty graphs (no <c>sd:EmptyGraphs</c>), so a named graph
/// exists exactly while it holds a quad, and the default graph always exists. Hence CREATE GRAPH g
/// succeeds (and changes nothing) when g holds no quad and fails when it does; DROP and CLEAR GRAPH g,
/// and ADD / MOVE / COPY from g, fail when g holds no quad (a graph just created and still empty
/// included); DROP is the same as CLEAR. SILENT turns each of these failures into a no-op
/// (Update §3.2). This is what the W3C update tests expect of a store without empty graphs.
/// </remarks>
public static class UpdateExecutor
{
    /// <summary>Runs every operation of <paramref name="request"/> in one transaction of <paramref name="store"/>.</summary>
    /// <exception cref="UpdateExecutionException">An operation failed and had no SILENT; nothing changed.</exception>
    /// <exception cref="Evaluation.QueryEvaluationException">A WHERE clause failed (timeouts included); nothing changed.</exception>
    /// <exception cref="OperationCanceledException">The request was cancelled; nothing changed.</exception>
    public static UpdateSummary Execute(UpdateRequest request, IRdfStore store, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        options ??= UpdateOptions.Default;
        options.CancellationToken.ThrowIfCancellationRequested();
        using IStoreTransaction transaction = store.BeginWrite(options.CancellationToken);
        var runner = new UpdateRunner(transaction, options);
        for (int i = 0; i < request.Operations.Count; i++)
        {
            runner.CheckLimits();
            runner.Run(request.Operations[i], i);
        }
        runner.CheckLimits();
        transaction.Commit();
        return new UpdateSummary(runner.Removed, runner.Added);
    }

    /// <summary>Parses <paramref name="text"/> (SPARQL 1.1 Update) and executes it.</summary>
    /// <exception cref="SparqlSyntaxException">The request is not valid SPARQL Update; nothing changed.</exception>
    public static UpdateSummary Execute(string text, IRdfStore store, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Execute(SparqlParser.ParseUpdate(text, options?.BaseIri), store, options);
    }
}
