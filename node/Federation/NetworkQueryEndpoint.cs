using System.Buffers;
using System.Globalization;
using System.Text;
using DihNode.Federation.Network;
using DihNode.Federation.Query;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Node.Sparql;
using DihNode.Rdf.Io;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SparqlQuery = DihNode.Rdf.Sparql.Syntax.Query;
using QueryForm = DihNode.Rdf.Sparql.Syntax.QueryForm;

namespace DihNode.Node.Federation;

/// <summary>
/// <c>/sparql?scope=network</c>: the query over the union of this node's own data and every configured
/// peer's hubs, asked live (<see cref="NetworkRequest"/>). The rows are gathered before the first byte is
/// sent, so the answer can say which peers answered and which were missing:
/// <list type="bullet">
/// <item>headers <c>X-DihNode-Scope: network</c>, <c>X-DihNode-Peers-Answered: es;seq=120;at=…Z, …</c>
/// (the peer's feed sequence and the time of its last answer), <c>X-DihNode-Peers-Missing: de;reason="…"</c>
/// and <c>X-DihNode-Partial: true|false</c>;</item>
/// <item>SPARQL JSON results (SELECT and ASK) a top-level member
/// <c>"dihnode:network": { "partial": …, "answered": [ { "peer", "sequence", "answeredAt" } ], "missing": [ { "peer", "reason" } ] }</c>.</item>
/// </list>
/// </summary>
internal static class NetworkQueryEndpoint
{
    public const string ScopeHeader = "X-DihNode-Scope";
    public const string AnsweredHeader = "X-DihNode-Peers-Answered";
    public const string MissingHeader = "X-DihNode-Peers-Missing";
    public const string PartialHeader = "X-DihNode-Partial";

    public static async Task<IResult?> RunAsync(HttpContext context, SparqlQuery query, string? format, TimeSpan timeout, QueryOptions local, CancellationToken token)
    {
        var services = context.RequestServices;
        if (services.GetService<NetworkCoordinator>() is not { } coordinator)
            return ProtocolErrors.BadRequest("scope=network needs the federation: this node has no peers configured");
        if (local.DefaultGraphs is not null || local.NamedGraphs is not null)
            return ProtocolErrors.BadRequest("default-graph-uri and named-graph-uri are not available with scope=network: the dataset is the network's union");
        var request = coordinator.Begin(DateTime.UtcNow + timeout, services.GetService<IServiceHandler>() as PeerServiceHandler);
        SparqlQuery rewritten;
        try
        {
            rewritten = NetworkRewrite.Rewrite(query, request.Endpoint);
        }
        catch (NetworkQueryException e)
        {
            return ProtocolErrors.BadRequest(e.Message);
        }
        var options = services.GetRequiredService<NodeOptions>();
        var store = services.GetRequiredService<NodeStore>();
        // Every triple pattern now sits in a SERVICE: the store is read for nothing but constants.
        var queryOptions = new QueryOptions
        {
            CancellationToken = token,
            Timeout = timeout,
            MaxIntermediateRows = local.MaxIntermediateRows,
            BaseIri = local.BaseIri,
            UnionDefaultGraph = true,
            ServiceHandler = request,
        };
        string accept = context.Request.Headers.Accept.ToString();
        switch (rewritten.Form)
        {
            case QueryForm.Select:
                {
                    if (ResultFormatChoice.ForResults(accept, format, boolean: false) is not SparqlResultFormat table)
                        return ProtocolErrors.NotAcceptable("SELECT results", ResultFormatChoice.Offered(boolean: false));
                    var result = (SelectResult)QueryEvaluator.Execute(rewritten, store.Rdf.Snapshot(), queryOptions);
                    var rows = result.Rows.Take((int)Math.Min(int.MaxValue - 1, options.MaxResultRows) + 1).ToList();
                    Headers(context.Response, request.Report);
                    await WriteSelectAsync(context, result.Variables.Select(v => v.Name).ToList(), rows, table, options.MaxResultRows, request.Report, token);
                    return null;
                }
            case QueryForm.Ask:
                {
                    if (ResultFormatChoice.ForResults(accept, format, boolean: true) is not SparqlResultFormat boolean)
                        return ProtocolErrors.NotAcceptable("an ASK result", ResultFormatChoice.Offered(boolean: true));
                    var result = (AskResult)QueryEvaluator.Execute(rewritten, store.Rdf.Snapshot(), queryOptions);
                    Headers(context.Response, request.Report);
                    using var body = new MemoryStream();
                    await SparqlResultWriter.WriteBooleanAsync(body, boolean, result.Value, cancellationToken: token);
                    byte[] bytes = boolean == SparqlResultFormat.Json ? WithReport(body.ToArray(), request.Report) : body.ToArray();
                    context.Response.ContentType = boolean.MediaType() + "; charset=utf-8";
                    await context.Response.Body.WriteAsync(bytes, token);
                    return null;
                }
            default:
                {
                    if (ResultFormatChoice.ForGraph(accept, format, ResultFormatChoice.GraphFormats) is not RdfFormat rdf)
                        return ProtocolErrors.NotAcceptable("an RDF graph", ResultFormatChoice.GraphFormats.Select(f => f.MediaType()));
                    var result = (GraphResult)QueryEvaluator.Execute(rewritten, store.Rdf.Snapshot(), queryOptions);
                    var triples = result.Triples.ToList();
                    Headers(context.Response, request.Report);
                    await QueryResponses.WriteGraphAsync(context, new GraphResult(triples), rdf, options.MaxResultRows, token);
                    return null;
                }
        }
    }

    private static void Headers(HttpResponse response, NetworkReport report)
    {
        response.Headers[ScopeHeader] = "network";
        response.Headers[AnsweredHeader] = report.AnsweredHeader();
        response.Headers[MissingHeader] = report.MissingHeader();
        response.Headers[PartialHeader] = report.Partial ? "true" : "false";
    }

    private static async Task WriteSelectAsync(HttpContext context, IReadOnlyList<string> variables, List<DihNode.Rdf.Model.Term?[]> rows, SparqlResultFormat format, long maxRows, NetworkReport report, CancellationToken token)
    {
        var response = context.Response;
        response.ContentType = format.MediaType() + "; charset=utf-8";
        response.Headers[QueryResponses.RowLimitHeader] = maxRows.ToString(CultureInfo.InvariantCulture);
        bool truncated = rows.Count > maxRows;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = SparqlResultWriter.Create(buffer, format))
        {
            writer.Begin(variables);
            foreach (var row in rows.Take((int)Math.Min(rows.Count, maxRows))) writer.WriteRow(row);
            writer.End();
            writer.Flush();
        }
        byte[] bytes = truncated ? TruncationMarker.Mark(buffer.WrittenSpan, format, maxRows) : buffer.WrittenSpan.ToArray();
        if (truncated) response.Headers[QueryResponses.TruncatedHeader] = "true";
        if (format == SparqlResultFormat.Json) bytes = WithReport(bytes, report);
        await response.Body.WriteAsync(bytes, token);
    }

    /// <summary>The SPARQL JSON document with the member <c>"dihnode:network"</c> added at its end.</summary>
    private static byte[] WithReport(byte[] json, NetworkReport report)
    {
        string text = Encoding.UTF8.GetString(json);
        int end = text.LastIndexOf('}');
        int at = end;
        while (at > 0 && char.IsWhiteSpace(text[at - 1])) at--;
        return Encoding.UTF8.GetBytes(text[..at] + ",\n  \"dihnode:network\": " + report.ToJson() + "\n" + text[end..]);
    }
}
