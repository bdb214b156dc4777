using System.Text;
using DihNode.Node.Registry;
using DihNode.Node.Web;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Node.LinkedData;

/// <summary>
/// <c>GET /hub/{id}</c>: the hub IRI <c>{base}/hub/{id}</c> dereferenced (the request path under the
/// node's base IRI). The registry says whether the hub exists and gives the page its data and version;
/// the RDF store's snapshot gives the description (<see cref="ResourceDescription.Hub"/>). A path with
/// an extension names its representation; else Accept chooses. The IRI of a hub's part (its address,
/// an involvement) is answered with 303 See Other to the hub, whose description holds it.
/// </summary>
internal static class HubEndpoint
{
    public static async Task HandleAsync(HttpContext context, NodeStore store)
    {
        string path = context.Request.Path.Value ?? "/";
        using var db = store.NewContext();
        Representation? representation = null;
        // The path as a hub IRI first, else without its extension: one query asks for both.
        var named = Representation.FromPath(path);
        var (hub, stemHub) = await FindAsync(db, store.Iris.Base + path, named is var (_, stem) ? store.Iris.Base + stem : null, context.RequestAborted);
        if (hub is null && stemHub is not null) (hub, representation, path) = (stemHub, named!.Value.Representation, named.Value.Stem);
        if (hub is null)
        {
            if (PartOwner(path) is { } owner && await db.Hubs.AnyAsync(h => h.Iri == store.Iris.Base + owner, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = owner;
                return;
            }
            await LinkedDataResponse.NotFoundAsync(context, $"This node has no hub {store.Iris.Base + path}.");
            return;
        }
        bool negotiated = representation is null;
        representation ??= Representation.Negotiate(context.Request.Headers.Accept.ToString());
        if (representation is not { } chosen)
        {
            await LinkedDataResponse.NotAcceptableAsync(context);
            return;
        }

        var description = ResourceDescription.Hub(store.Rdf.Snapshot(), store.Iris, Iri.FromTrusted(hub.Iri));
        if (chosen.Rdf is { } format)
        {
            using var document = RdfDocument.Document(description.Quads, format);
            await Send(document.GetBuffer().AsMemory(0, (int)document.Length));
            return;
        }
        string jsonLd;
        using (var document = RdfDocument.Document(description.Quads, RdfFormat.JsonLd))
            jsonLd = Encoding.UTF8.GetString(document.GetBuffer(), 0, (int)document.Length);
        var html = HubPage.Render(new HubPageModel(hub, path, description.LabelOf, await RelatedAsync(db, description, hub.Iri, context.RequestAborted),
            jsonLd, store.Iris, iri => NodePaths.Local(store.Iris, iri)));
        using var page = Utf8Page.From(html);
        await Send(page.Bytes);

        Task Send(ReadOnlyMemory<byte> body) => LinkedDataResponse.SendAsync(context, body, chosen.ContentType, "v" + hub.Version, negotiated, hub.Modified,
            negotiated ? path + chosen.Extension : null);
    }

    /// <summary>The hub whose IRI is <paramref name="iri"/>, and the one whose IRI is <paramref name="stemIri"/> (when given), in one query.</summary>
    private static async Task<(Hub? Hub, Hub? StemHub)> FindAsync(RegistryDbContext db, string iri, string? stemIri, CancellationToken cancellationToken)
    {
        var hubs = HubRegistry.LoadHubs(db).AsNoTracking();
        if (stemIri is null) return (await hubs.FirstOrDefaultAsync(h => h.Iri == iri, cancellationToken), null);
        var found = await hubs.Where(h => h.Iri == iri || h.Iri == stemIri).ToListAsync(cancellationToken);
        return (found.Find(h => h.Iri == iri), found.Find(h => h.Iri == stemIri));
    }

    /// <summary>The path of the hub whose part <paramref name="path"/> names (<c>…/address</c>, <c>…/involvement/…</c>), or null.</summary>
    private static string? PartOwner(string path)
    {
        if (path.EndsWith("/address", StringComparison.Ordinal)) return path[..^"/address".Length];
        int cut = path.IndexOf("/involvement/", StringComparison.Ordinal);
        return cut > 0 ? path[..cut] : null;
    }

    private static async Task<IReadOnlyList<RelatedHub>> RelatedAsync(RegistryDbContext db, ResourceDescription description, string hub, CancellationToken cancellationToken)
    {
        var iris = description.Objects(hub, DctTerms.Relation).OfType<Iri>().Select(i => i.Value).ToList();
        if (iris.Count == 0) return [];
        var rows = await db.Hubs.AsNoTracking().Where(h => iris.Contains(h.Iri))
            .Select(h => new RelatedHub(h.Iri, h.Name, h.Source, h.Country!.Name)).ToListAsync(cancellationToken);
        // A related hub the registry no longer has (a link not yet recomputed) is shown by its label or IRI.
        foreach (string iri in iris.Where(i => rows.All(r => r.Iri != i)))
            rows.Add(new RelatedHub(iri, description.LabelOf(iri) ?? iri, null, null));
        return rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
