using System.Globalization;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Federation;

/// <summary>
/// <c>GET /changes?since=SEQ[&amp;limit=N]</c>: the change feed for HTTP harvesters that do not speak gRPC,
/// as RDF (Turtle by default; N-Triples, JSON-LD, RDF/XML by Accept). The page is a
/// <a href="https://www.hydra-cg.com/spec/latest/core/#collections">Hydra</a> partial collection view of the
/// collection <c>/changes</c>; each member is an ActivityStreams 2.0 <c>as:Update</c> or <c>as:Delete</c> of a
/// hub (<c>as:object</c>), with <c>dih:feedSequence</c> and <c>as:published</c>; <c>hydra:next</c> continues
/// after the page's last sequence. A harvester keeps the last sequence it processed and asks for
/// <c>since</c> it. A <c>since</c> before the compacted start answers 410: harvest the catalogue again.
/// </summary>
internal static class ChangesEndpoint
{
    private const string Hydra = "http://www.w3.org/ns/hydra/core#";
    private const string As = "https://www.w3.org/ns/activitystreams#";
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    private static readonly RdfFormat[] s_formats = [RdfFormat.Turtle, RdfFormat.NTriples, RdfFormat.JsonLd, RdfFormat.RdfXml];

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/changes", Handle);

    private static IResult Handle(HttpContext http, NodeStore store)
    {
        var request = http.Request;
        if (!TryLong(request.Query["since"], 0, out long since) || since < 0)
            return Results.Problem($"since: '{request.Query["since"]}' is not a sequence number (0 or more)", statusCode: 400, title: "bad parameter");
        if (!TryLong(request.Query["limit"], DefaultLimit, out long limit) || limit is < 1 or > MaxLimit)
            return Results.Problem($"limit: '{request.Query["limit"]}' is not between 1 and {MaxLimit}", statusCode: 400, title: "bad parameter");
        if (RdfFormats.Negotiate(request.Headers.Accept.ToString() is { Length: > 0 } a ? a : "text/turtle", s_formats) is not RdfFormat format)
            return Results.Problem("acceptable: " + string.Join(", ", s_formats.Select(f => f.MediaType())), statusCode: 406, title: "not acceptable");
        long first = store.Registry.FirstRetainedSequence;
        if (since < first - 1)
            return Results.Problem($"since: the feed was compacted through {first - 1}; harvest /catalog again, then follow /changes?since={store.Registry.LastSequence}", statusCode: 410, title: "gone");

        List<HubChange> rows;
        using (var context = store.NewContext())
            rows = context.Changes.AsNoTracking().Where(c => c.Sequence > since).OrderBy(c => c.Sequence).Take((int)limit + 1).ToList();
        bool more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);

        string root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var collection = Iri.FromTrusted(root + "/changes");
        var view = Iri.FromTrusted($"{root}/changes?since={since}" + (limit == DefaultLimit ? "" : $"&limit={limit}"));
        var triples = new List<Triple>
        {
            new(collection, Vocabulary.Rdf.Type, H("Collection")),
            new(collection, H("view"), view),
            new(view, Vocabulary.Rdf.Type, H("PartialCollectionView")),
            new(view, H("first"), Iri.FromTrusted(root + "/changes?since=0")),
            new(collection, H("totalItems"), Integer(store.Registry.LastSequence - first + 1)),
        };
        if (more) triples.Add(new(view, H("next"), Iri.FromTrusted($"{root}/changes?since={rows[^1].Sequence}" + (limit == DefaultLimit ? "" : $"&limit={limit}"))));
        foreach (var row in rows)
        {
            var member = Iri.FromTrusted($"{root}/changes/{row.Sequence}");
            triples.Add(new(collection, H("member"), member));
            triples.Add(new(member, Vocabulary.Rdf.Type, Iri.FromTrusted(As + (row.Kind == HubChangeKind.Delete ? "Delete" : "Update"))));
            triples.Add(new(member, Iri.FromTrusted(As + "object"), Iri.FromTrusted(row.HubIri)));
            triples.Add(new(member, PeerGraphs.FeedSequence, Integer(row.Sequence)));
            triples.Add(new(member, Iri.FromTrusted(As + "published"),
                Literal.Typed(DateTime.SpecifyKind(row.At, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), Vocabulary.Xsd.DateTime)));
            if (row.Origin.Length > 0) triples.Add(new(member, Vocab.Namespaces.DctTerms.Source, PeerGraphs.Node(row.Origin)));
        }
        var output = new MemoryStream();
        var options = new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["hydra"] = Hydra, ["as"] = As, ["dih"] = Vocab.Namespaces.Dih, ["dct"] = "http://purl.org/dc/terms/" } };
        using (var writer = RdfWriter.Create(output, format, options))
        {
            foreach (var t in triples) writer.Add(new Quad(t.Subject, t.Predicate, t.Object, null));
            writer.Finish();
        }
        http.Response.Headers.Vary = "Accept";
        return Results.Bytes(output.ToArray(), format.MediaType() + "; charset=utf-8");
    }

    private static Iri H(string local) => Iri.FromTrusted(Hydra + local);

    private static Literal Integer(long n) => Literal.Typed(n.ToString(CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer);

    private static bool TryLong(string? text, long fallback, out long value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
