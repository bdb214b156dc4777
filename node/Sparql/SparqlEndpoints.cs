using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Sparql;

/// <summary>
/// The SPARQL endpoints: <c>/sparql</c> (SPARQL 1.1 Protocol queries; without a query, the service
/// description), <c>/sparql/update</c> (updates, with the write key) and <c>/void</c> (the VoID
/// description of the dataset). One handler class per operation.
/// </summary>
public static class SparqlEndpoints
{
    private static readonly RdfFormat[] s_descriptionFormats = [RdfFormat.Turtle, RdfFormat.JsonLd, RdfFormat.RdfXml, RdfFormat.NTriples];

    public static IEndpointRouteBuilder MapSparql(this IEndpointRouteBuilder app)
    {
        app.Map("/sparql", SparqlQueryEndpoint.HandleAsync);
        app.Map("/sparql/update", SparqlUpdateEndpoint.HandleAsync);
        app.MapMethods("/void", [HttpMethods.Get, HttpMethods.Head], VoidAsync);
        return app;
    }

    /// <summary>GET /sparql without a query: the service description, Turtle by default (also JSON-LD, RDF/XML, N-Triples).</summary>
    internal static Task ServiceDescriptionAsync(HttpContext context, string? format) =>
        DescribeAsync(context, format, (nodeBase, store) => ServiceDescription.Describe(nodeBase, context.RequestServices.GetRequiredService<VoidStatisticsCache>().Get(store.Rdf)));

    private static Task VoidAsync(HttpContext context) =>
        DescribeAsync(context, context.Request.Query["format"].FirstOrDefault(),
            (nodeBase, store) => ServiceDescription.DescribeDataset(nodeBase, context.RequestServices.GetRequiredService<VoidStatisticsCache>().Get(store.Rdf)));

    private static async Task DescribeAsync(HttpContext context, string? format, Func<string, NodeStore, List<Rdf.Model.Quad>> describe)
    {
        context.Response.Headers.Vary = "Accept";
        var options = context.RequestServices.GetRequiredService<NodeOptions>();
        var store = context.RequestServices.GetRequiredService<NodeStore>();
        RdfFormat? chosen = ResultFormatChoice.ForGraph(context.Request.Headers.Accept.ToString(), format, s_descriptionFormats);
        if (chosen is not RdfFormat rdf)
        {
            await ProtocolErrors.NotAcceptable("a service description", s_descriptionFormats.Select(f => f.MediaType())).ExecuteAsync(context);
            return;
        }
        using var body = QueryResponses.Serialize(rdf, describe(NodeUrls.Base(context, options), store), ServiceDescription.Prefixes);
        await QueryResponses.WriteRdfAsync(context.Response, rdf, body, context.RequestAborted);
    }
}
