using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.LinkedData;

/// <summary>
/// <c>GET /dump/hubs.{ttl,nt,nq,trig,rdf,jsonld,csv}</c>: the whole of the node's managed graphs (hubs,
/// links, schemes, countries, NUTS, sources) in one syntax, from one snapshot, as a download (the DCAT
/// distributions' download URLs). N-Quads, TriG and JSON-LD keep the named graphs; the triple syntaxes
/// merge them (each triple once). The writer's output is sent in chunks as it is produced, so N-Triples
/// and N-Quads stream; the other syntaxes group statements and write at the end. <c>hubs.csv</c> is
/// the registry's table (<see cref="CsvDump"/>).
/// </summary>
internal static class DumpEndpoint
{
    private const int ChunkBytes = 64 * 1024;

    public static async Task HandleAsync(HttpContext context, NodeStore store, string file)
    {
        if (string.Equals(file, "hubs.csv", StringComparison.Ordinal))
        {
            await CsvDump.WriteAsync(context, store);
            return;
        }
        if (Representation.FromPath("/" + file) is not ({ Rdf: { } format }, "/hubs"))
        {
            await LinkedDataResponse.NotFoundAsync(context, $"No dump {file}: the dumps are hubs.ttl, hubs.nt, hubs.nq, hubs.trig, hubs.rdf, hubs.jsonld and hubs.csv.");
            return;
        }
        var snapshot = store.Rdf.Snapshot();
        var response = context.Response;
        response.ContentType = new Representation(format).ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        if (HttpMethods.IsHead(context.Request.Method)) return;

        var buffer = new MemoryStream();
        using var writer = RdfWriter.Create(buffer, format, RdfDocument.Options);
        bool datasets = format is RdfFormat.NQuads or RdfFormat.TriG or RdfFormat.JsonLd;
        var seen = datasets ? null : new HashSet<(int, int, int)>();
        foreach (var q in ManagedQuads(snapshot, store.Iris))
        {
            if (seen is not null && !seen.Add((q.S, q.P, q.O))) continue;
            var quad = new Quad((NamedOrBlankNode)snapshot.GetTerm(q.S), (Iri)snapshot.GetTerm(q.P), snapshot.GetTerm(q.O),
                datasets ? (NamedOrBlankNode)snapshot.GetTerm(q.G) : null);
            writer.Add(quad);
            if (buffer.Length >= ChunkBytes) await DrainAsync(buffer, response, context.RequestAborted);
        }
        writer.Finish();
        await DrainAsync(buffer, response, context.RequestAborted);
    }

    /// <summary>The quads of the managed graphs, graph by graph.</summary>
    internal static IEnumerable<EncodedQuad> ManagedQuads(IQuadStore snapshot, Vocab.Profile.ProfileIris iris)
    {
        foreach (var graph in new[] { iris.HubsGraph, iris.LinksGraph, iris.SchemesGraph, iris.CountriesGraph, iris.NutsGraph, iris.SourcesGraph })
        {
            if (!snapshot.TryGetId(graph, out int g)) continue;
            var cursor = snapshot.Find(QuadPattern.InGraph(g));
            while (cursor.MoveNext()) yield return cursor.Current;
        }
    }

    private static async Task DrainAsync(MemoryStream buffer, HttpResponse response, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0) return;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }
}
