using DihNode.Rdf.Io;
using DihNode.Rdf.Io.Conneg;

namespace DihNode.Node.LinkedData;

/// <summary>
/// One representation of a resource: the HTML page (<see cref="Rdf"/> null) or an RDF syntax. Chosen by
/// the path's extension (<c>.ttl .nt .rdf .jsonld .trig .nq .html</c>) when there is one, else by
/// proactive negotiation on the Accept header (RFC 9110 §12.5.1, <see cref="ContentNegotiation"/>).
/// </summary>
internal readonly record struct Representation(RdfFormat? Rdf)
{
    public static readonly Representation Html = new(null);

    public bool IsHtml => Rdf is null;

    /// <summary>The Content-Type of the answer.</summary>
    public string ContentType => Rdf is { } f ? f.MediaType() + (f == RdfFormat.RdfXml || f == RdfFormat.JsonLd ? "" : "; charset=utf-8") : "text/html; charset=utf-8";

    /// <summary>The extension that selects this representation (".ttl", ".html").</summary>
    public string Extension => Rdf is { } f ? f.FileExtension() : ".html";

    /// <summary>The syntaxes served, in the order the resource pages list them.</summary>
    public static IReadOnlyList<RdfFormat> RdfFormats { get; } =
        [RdfFormat.Turtle, RdfFormat.NTriples, RdfFormat.RdfXml, RdfFormat.JsonLd, RdfFormat.TriG, RdfFormat.NQuads];

    /// <summary>The representation a path's last segment names by its extension, with the path without it; null when it names none.</summary>
    public static (Representation Representation, string Stem)? FromPath(string path)
    {
        int slash = path.LastIndexOf('/');
        int dot = path.LastIndexOf('.');
        if (dot <= slash + 1) return null;
        string extension = path[dot..];
        if (string.Equals(extension, ".html", StringComparison.OrdinalIgnoreCase)) return (Html, path[..dot]);
        foreach (var format in RdfFormats)
            if (string.Equals(format.FileExtension(), extension, StringComparison.OrdinalIgnoreCase)) return (new Representation(format), path[..dot]);
        return null;
    }

    /// <summary>
    /// The representation the Accept header prefers among HTML (when <paramref name="html"/>) and the RDF
    /// syntaxes (media type aliases included); the first offer, HTML or Turtle, is what a client without
    /// preference (no Accept, <c>*/*</c>) gets. Null: nothing acceptable (406).
    /// </summary>
    public static Representation? Negotiate(string? accept, bool html = true)
    {
        var offers = new List<string>();
        var of = new List<Representation>();
        if (html) AddHtml(offers, of);
        // Registered media types first, aliases after: a range (application/*) picks a registered type.
        foreach (var format in RdfFormats)
        {
            offers.Add(format.MediaType());
            of.Add(new Representation(format));
        }
        foreach (var format in RdfFormats)
            foreach (string media in format.MediaTypes().Skip(1))
            {
                offers.Add(media);
                of.Add(new Representation(format));
            }
        string? chosen = ContentNegotiation.Choose(accept, offers);
        return chosen is null ? null : of[offers.IndexOf(chosen)];
    }

    private static void AddHtml(List<string> offers, List<Representation> of)
    {
        offers.Add("text/html");
        of.Add(Html);
    }

    /// <summary>Every media type offered, for the 406 answer.</summary>
    public static string Offered => "text/html, " + string.Join(", ", RdfFormats.Select(f => f.MediaType()));
}
