using System.Globalization;
using System.Text;
using DihNode.Node.Registry;
using DihNode.Node.Web;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Node.LinkedData;

/// <summary>What a reference resource is, by the first segment of its path.</summary>
internal enum ReferenceKind
{
    Concept,
    Scheme,
    Source,
}

/// <summary>
/// <c>GET /concept/{scheme}/{slug}</c>, <c>/scheme/{scheme}</c>, <c>/source/{name}</c>: the node's
/// reference resources dereferenced like hubs (<see cref="HubEndpoint"/>). The description comes from
/// the schemes and sources graphs; the HTML page adds what the registry knows: a concept's hubs (with
/// their levels), a scheme's concepts (with their hub counts), a source's hubs.
/// </summary>
internal static class ReferenceEndpoint
{
    public static async Task HandleAsync(HttpContext context, NodeStore store, ReferenceKind kind)
    {
        string path = context.Request.Path.Value ?? "/";
        var snapshot = store.Rdf.Snapshot();
        Representation? representation = null;
        var description = ResourceDescription.Reference(snapshot, store.Iris, Iri.FromTrusted(store.Iris.Base + path));
        if (description.Quads.Count == 0 && Representation.FromPath(path) is var (named, stem))
        {
            description = ResourceDescription.Reference(snapshot, store.Iris, Iri.FromTrusted(store.Iris.Base + stem));
            if (description.Quads.Count > 0) (representation, path) = (named, stem);
        }
        string iri = store.Iris.Base + path;
        if (description.Quads.Count == 0)
        {
            await LinkedDataResponse.NotFoundAsync(context, $"This node has no {kind.ToString().ToLowerInvariant()} {iri}.");
            return;
        }
        bool negotiated = representation is null;
        representation ??= Representation.Negotiate(context.Request.Headers.Accept.ToString());
        if (representation is not { } chosen)
        {
            await LinkedDataResponse.NotAcceptableAsync(context);
            return;
        }
        byte[] body;
        if (chosen.Rdf is { } format) body = RdfDocument.Write(description.Quads, format);
        else
        {
            using var db = store.NewContext();
            string jsonLd = Encoding.UTF8.GetString(RdfDocument.Write(description.Quads, RdfFormat.JsonLd));
            var page = kind switch
            {
                ReferenceKind.Concept => await ConceptAsync(db, store.Iris, description, iri, path, jsonLd, context.RequestAborted),
                ReferenceKind.Scheme => await SchemeAsync(db, store.Iris, description, iri, path, jsonLd, context.RequestAborted),
                _ => await SourceAsync(db, store.Iris, description, iri, path, jsonLd, context.RequestAborted),
            };
            body = Encoding.UTF8.GetBytes(HubPage.RenderReference(page));
        }
        await LinkedDataResponse.SendAsync(context, body, chosen.ContentType, null, negotiated, null, negotiated ? path + chosen.Extension : null);
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static async Task<ReferencePageModel> ConceptAsync(RegistryDbContext db, ProfileIris iris, ResourceDescription d, string iri, string path, string jsonLd, CancellationToken ct)
    {
        var facts = new List<(string, Cell)>();
        foreach (var scheme in d.Objects(iri, SkosTerms.InScheme).OfType<Iri>())
            facts.Add(("Scheme", new Cell(d.LabelOf(scheme.Value) ?? scheme.Value, NodePaths.Local(iris, scheme.Value))));
        foreach (var notation in d.Objects(iri, SkosTerms.Notation).OfType<Literal>())
            facts.Add(("Notation", new Cell(notation.LexicalForm)));
        foreach (var (predicate, term) in new[] { (SkosTerms.ExactMatch, "Exact match"), (SkosTerms.CloseMatch, "Close match") })
            foreach (var match in d.Objects(iri, predicate).OfType<Iri>())
                facts.Add((term, new Cell(d.LabelOf(match.Value) ?? match.Value, NodePaths.Local(iris, match.Value))));
        var involved = await db.Involvements.AsNoTracking().Where(i => i.Concept!.Iri == iri)
            .Select(i => new { i.Hub!.Iri, i.Hub.Name, Country = i.Hub.Country!.Name, i.Level }).ToListAsync(ct);
        var typed = await db.Hubs.AsNoTracking().Where(h => h.Type!.Iri == iri)
            .Select(h => new { h.Iri, h.Name, Country = h.Country!.Name, Level = (int?)null }).ToListAsync(ct);
        var rows = involved.Concat(typed)
            .OrderByDescending(h => h.Level ?? 0).ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(h => (IReadOnlyList<Cell>)[new Cell(h.Name, NodePaths.Local(iris, h.Iri)), new Cell(h.Country),
                new Cell(h.Level is int level ? level.ToString(CultureInfo.InvariantCulture) : "—")]).ToList();
        return new ReferencePageModel("Concept", iri, path, d.LabelOf(iri) ?? LastSegment(path), facts, "Hubs", ["Hub", "Country", "Level (1–5)"], rows, jsonLd);
    }

    private static async Task<ReferencePageModel> SchemeAsync(RegistryDbContext db, ProfileIris iris, ResourceDescription d, string iri, string path, string jsonLd, CancellationToken ct)
    {
        string name = LastSegment(path);
        var concepts = await db.Concepts.AsNoTracking().Where(c => c.Scheme == name)
            .Select(c => new { c.Iri, c.Label, c.Notation, Hubs = db.Involvements.Count(i => i.ConceptId == c.Id) + db.Hubs.Count(h => h.TypeId == c.Id) })
            .ToListAsync(ct);
        var rows = concepts.OrderBy(c => c.Label, StringComparer.OrdinalIgnoreCase)
            .Select(c => (IReadOnlyList<Cell>)[new Cell(c.Label, NodePaths.Local(iris, c.Iri)), new Cell(c.Notation ?? ""), new Cell(c.Hubs.ToString(CultureInfo.InvariantCulture))]).ToList();
        return new ReferencePageModel("Concept scheme", iri, path, d.LabelOf(iri) ?? name, [], "Concepts", ["Concept", "Notation", "Hubs"], rows, jsonLd);
    }

    private static async Task<ReferencePageModel> SourceAsync(RegistryDbContext db, ProfileIris iris, ResourceDescription d, string iri, string path, string jsonLd, CancellationToken ct)
    {
        string name = LastSegment(path);
        var facts = new List<(string, Cell)>();
        foreach (var publisher in d.Objects(iri, DctTerms.Publisher).OfType<Iri>())
            facts.Add(("Publisher", new Cell(d.LabelOf(publisher.Value) ?? publisher.Value, publisher.Value)));
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.Source == name)
            .Select(h => new { h.Iri, h.Name, Country = h.Country!.Name, Type = h.Type!.Label }).ToListAsync(ct);
        var rows = hubs.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(h => (IReadOnlyList<Cell>)[new Cell(h.Name, NodePaths.Local(iris, h.Iri)), new Cell(h.Country), new Cell(h.Type)]).ToList();
        return new ReferencePageModel("Source dataset", iri, path, d.LabelOf(iri) ?? name, facts, "Hubs", ["Hub", "Country", "Type"], rows, jsonLd);
    }
}
