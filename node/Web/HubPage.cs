using System.Globalization;
using System.Text;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Web;

/// <summary>A hub another source also describes (the links graph's <c>dct:relation</c>).</summary>
internal sealed record RelatedHub(string Iri, string Name, string? Source, string? Country);

/// <summary>
/// What the hub page shows: the registry's row (with type, country and involvements' concepts), labels
/// the RDF store holds for what it points to, related hubs, and the hub's JSON-LD (the same statements
/// as its RDF representations) to embed. <paramref name="Local"/> turns a node IRI into a site path.
/// </summary>
internal sealed record HubPageModel(
    Hub Hub,
    string Path,
    Func<string, string?> LabelOf,
    IReadOnlyList<RelatedHub> Related,
    string JsonLd,
    ProfileIris Iris,
    Func<string, string> Local);

/// <summary>
/// The server-rendered pages of the node's linked data: a hub (this file), concepts, schemes and sources
/// (<c>HubPage.Concepts.cs</c>). Semantic HTML (landmarks, headings, description lists, tables with
/// header cells), every value encoded by <see cref="Layout"/>; each page links its RDF representations
/// (<c>link rel="alternate"</c> in the head and a list in the page) and embeds its JSON-LD.
/// </summary>
internal static partial class HubPage
{
    private static readonly (string Scheme, string Title, string Column)[] s_facets =
    [
        (ConceptSchemes.Sector, "Sectors", "Sector"),
        (ConceptSchemes.Service, "Services", "Service"),
        (ConceptSchemes.Technology, "Technologies", "Technology"),
        (ConceptSchemes.LegacySector, "Sectors (2022 taxonomy)", "Sector"),
    ];

    /// <summary>The page, ended (<see cref="Layout.Close"/>) in its builder.</summary>
    public static StringBuilder Render(HubPageModel m)
    {
        var hub = m.Hub;
        var html = Layout.Begin(hub.Name, Alternates(m.Path));
        html.Append("<article>\n<header>\n<h1>").Text(hub.Name).Append("</h1>\n");
        if (hub.Title is not null && hub.Title != hub.Name) html.Append("<p class=\"title\">").Text(hub.Title).Append("</p>\n");
        html.Append("</header>\n");
        if (hub.Description is not null) html.Append("<section aria-labelledby=\"about\">\n<h2 id=\"about\">About</h2>\n<p>").Text(hub.Description).Append("</p>\n</section>\n");

        html.Append("<section aria-labelledby=\"facts\">\n<h2 id=\"facts\">Facts</h2>\n<dl>\n");
        if (hub.Type is { } type)
        {
            html.Append("<dt>Type</dt><dd>").Link(m.Local(type.Iri), type.Label);
            if (type.Notation is not null && type.Notation != type.Label) html.Append(" (").Text(type.Notation).Append(')');
            html.Append("</dd>\n");
        }
        if (hub.Country is { } country)
            html.Append("<dt>Country</dt><dd>").Link(country.Iri, m.LabelOf(country.Iri) ?? country.Name).Append(" (").Text(country.Code).Append(")</dd>\n");
        if (hub.NutsCode is not null)
        {
            string nuts = DihNode.Vocab.Namespaces.NutsCode + hub.NutsCode;
            html.Append("<dt>NUTS region</dt><dd>").Link(nuts, m.LabelOf(nuts) ?? hub.NutsCode).Append(" (").Text(hub.NutsCode).Append(")</dd>\n");
        }
        if (hub.Website is not null) html.Append("<dt>Website</dt><dd>").Link(hub.Website, hub.Website, "nofollow noopener").Append("</dd>\n");
        AppendAddress(html, hub);
        html.Append("</dl>\n</section>\n");

        foreach (var (scheme, title, column) in s_facets)
        {
            var involvements = hub.Involvements.Where(i => i.Concept!.Scheme == scheme).OrderByDescending(i => i.Level ?? 0).ThenBy(i => i.Concept!.Label, StringComparer.OrdinalIgnoreCase).ToList();
            if (involvements.Count == 0) continue;
            string id = "topics-" + scheme;
            html.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">").Text(title).Append("</h2>\n")
                .Append("<table>\n<thead><tr><th scope=\"col\">").Text(column).Append("</th><th scope=\"col\">Level (1–5)</th></tr></thead>\n<tbody>\n");
            foreach (var i in involvements)
                html.Append("<tr><td>").Link(m.Local(i.Concept!.Iri), i.Concept.Label).Append("</td><td>")
                    .Append(i.Level is int level ? level.ToString(CultureInfo.InvariantCulture) : "—").Append("</td></tr>\n");
            html.Append("</tbody>\n</table>\n</section>\n");
        }

        if (m.Related.Count > 0)
        {
            html.Append("<section aria-labelledby=\"related\">\n<h2 id=\"related\">Related hubs</h2>\n<p>The same hub as described by another source (same website or same name and country).</p>\n<ul>\n");
            foreach (var r in m.Related)
            {
                html.Append("<li>").Link(m.Local(r.Iri), r.Name);
                if (r.Source is not null) html.Append(" (").Text(r.Source).Append(r.Country is null ? "" : ", ").Text(r.Country).Append(')');
                html.Append("</li>\n");
            }
            html.Append("</ul>\n</section>\n");
        }

        html.Append("<section aria-labelledby=\"provenance\">\n<h2 id=\"provenance\">Source and provenance</h2>\n<dl>\n");
        string sourceIri = m.Iris.Source(hub.Source).Value;
        html.Append("<dt>Source</dt><dd>").Link(m.Local(sourceIri), m.LabelOf(sourceIri) ?? hub.Source).Append("</dd>\n")
            .Append("<dt>Record in the source</dt><dd>").Text(hub.SourceRecord).Append("</dd>\n")
            .Append("<dt>Identifier</dt><dd>").Text(hub.Identifier).Append("</dd>\n")
            .Append("<dt>IRI</dt><dd><code>").Text(hub.Iri).Append("</code></dd>\n");
        if (hub.Origin.Length > 0) html.Append("<dt>Published by</dt><dd>").Text(hub.Origin).Append("</dd>\n");
        html.Append("<dt>Last changed</dt><dd><time datetime=\"").Append(DateTime.SpecifyKind(hub.Modified, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)).Append("\">")
            .Append(hub.Modified.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time></dd>\n")
            .Append("<dt>Version</dt><dd>").Append(hub.Version.ToString(CultureInfo.InvariantCulture)).Append("</dd>\n")
            .Append("</dl>\n</section>\n");
        AppendData(html, m.Path);
        html.Append("</article>\n");
        AppendJsonLd(html, m.JsonLd);
        return Layout.Close(html);
    }

    private static void AppendAddress(StringBuilder html, Hub hub)
    {
        if (hub.FullAddress is null && hub.Street is null && hub.PostCode is null && hub.City is null) return;
        html.Append("<dt>Address</dt><dd><address>");
        if (hub.FullAddress is not null) html.Text(hub.FullAddress);
        else html.Text(string.Join(", ", new[] { hub.Street, string.Join(' ', new[] { hub.PostCode, hub.City }.Where(x => x is not null)) }.Where(x => !string.IsNullOrEmpty(x))));
        html.Append("</address></dd>\n");
    }

    /// <summary>The head's <c>link rel="alternate"</c> for each RDF representation of the resource at <paramref name="path"/>.</summary>
    internal static string Alternates(string path)
    {
        var head = new StringBuilder();
        foreach (var format in LinkedData.Representation.RdfFormats)
            head.Append("<link rel=\"alternate\" type=\"").Append(format.MediaType()).Append("\" href=\"")
                .Append(Layout.Encode(path + format.FileExtension())).Append("\">\n");
        return head.ToString();
    }

    /// <summary>The "Data" section: links to the RDF representations.</summary>
    internal static void AppendData(StringBuilder html, string path)
    {
        html.Append("<section aria-labelledby=\"data\">\n<h2 id=\"data\">Data</h2>\n<ul class=\"formats\">\n");
        foreach (var format in LinkedData.Representation.RdfFormats)
            html.Append("<li><a href=\"").Append(Layout.Encode(path + format.FileExtension())).Append("\" type=\"").Append(format.MediaType()).Append("\">")
                .Text(FormatName(format)).Append("</a></li>\n");
        html.Append("</ul>\n</section>\n");
    }

    /// <summary>
    /// Embeds JSON-LD in a script element. JSON may hold "&lt;" only inside strings, where \u003c means the
    /// same; escaping it means no value can close the element (<c>&lt;/script&gt;</c>) or open a comment.
    /// </summary>
    internal static void AppendJsonLd(StringBuilder html, string json) =>
        html.Append("<script type=\"application/ld+json\">\n").Append(json.Replace("<", "\\u003c", StringComparison.Ordinal)).Append("</script>\n");

    private static string FormatName(RdfFormat format) => format switch
    {
        RdfFormat.Turtle => "Turtle",
        RdfFormat.NTriples => "N-Triples",
        RdfFormat.RdfXml => "RDF/XML",
        RdfFormat.JsonLd => "JSON-LD",
        RdfFormat.TriG => "TriG (with named graphs)",
        RdfFormat.NQuads => "N-Quads (with named graphs)",
        _ => format.ToString(),
    };
}
