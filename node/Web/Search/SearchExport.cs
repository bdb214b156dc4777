using System.Diagnostics;
using System.Globalization;
using System.Text;
using DihNode.Node.LinkedData;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Web.Search;

/// <summary>
/// <c>GET /search.csv|jsonld|ttl?…</c>: every hub the search selects (all pages), with the search page's
/// parameters. CSV: one row per hub, the CSV template's columns first (so the file can be edited and
/// imported again) and formula-looking cells neutralised (<see cref="CsvDump.AppendCell"/>); JSON-LD and
/// Turtle: each hub's description as its own page serves it (the hub, its address and involvements,
/// links, and the labels of what it points to), merged.
/// </summary>
internal static class SearchExport
{
    private static readonly string[] s_header =
        ["id", "name", "title", "type", "country", "street", "postcode", "city", "website", "description", "sectors", "services", "technologies", "iri", "nuts", "modified"];

    public static async Task HandleAsync(HttpContext context, NodeStore store, FacetCatalogCache catalogs, string extension)
    {
        long started = Stopwatch.GetTimestamp();
        (string type, RdfFormat? rdf) = extension switch
        {
            "csv" => ("text/csv; charset=utf-8; header=present", (RdfFormat?)null),
            "jsonld" => ("application/ld+json", RdfFormat.JsonLd),
            "ttl" => ("text/turtle; charset=utf-8", RdfFormat.Turtle),
            _ => ("", null),
        };
        if (type.Length == 0)
        {
            await WebResponse.ErrorAsync(context, started, StatusCodes.Status404NotFound, "No such export",
                "The selection can be downloaded as search.csv, search.jsonld or search.ttl.");
            return;
        }
        var cancel = context.RequestAborted;
        using var db = store.NewContext();
        var catalog = await catalogs.GetAsync(db, cancel);
        var criteria = SearchCriteria.Parse(context.Request.Query, catalog);
        var ids = new HubSearch(db, catalog).Matching(criteria).Select(h => h.Id);
        var hubs = await HubSearch.Sorted(HubRegistry.LoadHubs(db).AsNoTracking().Where(h => ids.Contains(h.Id)), criteria.Sort).ToListAsync(cancel);
        byte[] body = rdf is RdfFormat format ? Rdf(store, hubs, format) : Csv(hubs);
        var response = context.Response;
        response.ContentType = type;
        response.ContentLength = body.Length;
        response.Headers.ContentDisposition = $"attachment; filename=\"hubs-selection.{extension}\"";
        response.Headers["Server-Timing"] = WebResponse.Timing(started);
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body, cancel);
    }

    private static byte[] Rdf(NodeStore store, List<Hub> hubs, RdfFormat format)
    {
        var snapshot = store.Rdf.Snapshot();
        var quads = new List<Quad>();
        var seen = new HashSet<Triple>();
        foreach (var hub in hubs)
            foreach (var q in ResourceDescription.Hub(snapshot, store.Iris, Iri.FromTrusted(hub.Iri)).Quads)
                if (seen.Add(q.Triple)) quads.Add(q);
        return RdfDocument.Write(quads, format);
    }

    private static byte[] Csv(List<Hub> hubs)
    {
        var text = new StringBuilder(64 * 1024);
        AppendRow(text, s_header);
        foreach (var hub in hubs)
            AppendRow(text,
            [
                hub.Identifier, hub.Name, hub.Title, hub.Type?.Label, hub.CountryCode, hub.Street, hub.PostCode, hub.City, hub.Website, hub.Description,
                Topics(hub, ConceptSchemes.Sector), Topics(hub, ConceptSchemes.Service), Topics(hub, ConceptSchemes.Technology), hub.Iri, hub.NutsCode,
                DateTime.SpecifyKind(hub.Modified, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ]);
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private static string Topics(Hub hub, string scheme) =>
        string.Join('|', hub.Involvements.Where(i => i.Concept!.Scheme == scheme).OrderBy(i => i.Concept!.Label, StringComparer.Ordinal)
            .Select(i => i.Level is int level ? i.Concept!.Label + "=" + level.ToString(CultureInfo.InvariantCulture) : i.Concept!.Label));

    private static void AppendRow(StringBuilder text, string?[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append(',');
            CsvDump.AppendCell(text, cells[i] ?? "");
        }
        text.Append("\r\n");
    }
}
