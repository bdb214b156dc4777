using System.Globalization;
using System.Text;
using DihNode.Node.Registry;
using DihNode.Vocab.Profile;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.LinkedData;

/// <summary>
/// <c>GET /dump/hubs.csv</c>: one row per hub of the registry, RFC 4180, UTF-8. The first 13 columns are
/// those of the CSV template (vocab/CSV-TEMPLATE.md: topics as <c>Label=level|…</c>), so the file can be
/// edited and imported again; then the hub's IRI, identifier, source, record, NUTS region, full address,
/// legacy sectors and last change. A cell that starts with <c>= + - @</c> (or a tab or carriage return)
/// gets a leading <c>'</c>, so a spreadsheet shows it as text instead of running it as a formula
/// (OWASP "CSV injection").
/// </summary>
internal static class CsvDump
{
    private static readonly string[] s_header =
    [
        "id", "name", "title", "type", "country", "street", "postcode", "city", "website", "description", "sectors", "services", "technologies",
        "iri", "identifier", "source", "source_record", "nuts", "full_address", "sectors_2022", "modified",
    ];

    public static async Task WriteAsync(HttpContext context, NodeStore store)
    {
        context.Response.ContentType = "text/csv; charset=utf-8; header=present";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"hubs.csv\"";
        if (HttpMethods.IsHead(context.Request.Method)) return;
        using var db = store.NewContext();
        var text = new StringBuilder(1 << 20);
        AppendRow(text, s_header);
        await foreach (var hub in HubRegistry.LoadHubs(db).AsNoTracking().OrderBy(h => h.Iri).AsAsyncEnumerable().WithCancellation(context.RequestAborted))
            AppendRow(text, Row(hub));
        await context.Response.WriteAsync(text.ToString(), new UTF8Encoding(false), context.RequestAborted);
    }

    private static string?[] Row(Hub hub) =>
    [
        hub.Identifier, hub.Name, hub.Title, hub.Type?.Label, hub.CountryCode, hub.Street, hub.PostCode, hub.City, hub.Website, hub.Description,
        Topics(hub, ConceptSchemes.Sector), Topics(hub, ConceptSchemes.Service), Topics(hub, ConceptSchemes.Technology),
        hub.Iri, hub.Identifier, hub.Source, hub.SourceRecord, hub.NutsCode, hub.FullAddress, Topics(hub, ConceptSchemes.LegacySector),
        DateTime.SpecifyKind(hub.Modified, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    ];

    private static string Topics(Hub hub, string scheme) =>
        string.Join('|', hub.Involvements.Where(i => i.Concept!.Scheme == scheme).OrderBy(i => i.Concept!.Label, StringComparer.Ordinal)
            .Select(i => i.Level is int level ? $"{i.Concept!.Label}={level.ToString(CultureInfo.InvariantCulture)}" : i.Concept!.Label));

    private static void AppendRow(StringBuilder text, string?[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append(',');
            AppendCell(text, cells[i] ?? "");
        }
        text.Append("\r\n");
    }

    /// <summary>One field: neutralised when a spreadsheet would read it as a formula, quoted when it holds a comma, quote or line break.</summary>
    internal static void AppendCell(StringBuilder text, string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }
        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
