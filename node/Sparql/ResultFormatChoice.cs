using System.Text.RegularExpressions;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.Conneg;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Node.Sparql;

/// <summary>
/// Chooses the response format of a query: from the <c>format</c> parameter when given (Fuseki's
/// shorthand: json, xml, csv, tsv, ttl, nt, rdf, jsonld, trig, nq, or a media type), else from the
/// Accept header. SELECT offers SPARQL JSON, XML, CSV, TSV; ASK JSON and XML; CONSTRUCT / DESCRIBE
/// Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads. The first of each list is the default.
/// </summary>
internal static partial class ResultFormatChoice
{
    /// <summary>
    /// Every answer is UTF-8, so a range asking for <c>charset=utf-8</c> ("text/turtle; charset=utf-8")
    /// matches the offer without the parameter; other charsets stay and match nothing.
    /// </summary>
    private static string? WithoutUtf8Charset(string? accept) => accept is null ? null : Utf8Charset().Replace(accept, "");

    [GeneratedRegex(@";\s*charset\s*=\s*""?utf-8""?", RegexOptions.IgnoreCase)]
    private static partial Regex Utf8Charset();

    private static readonly (SparqlResultFormat Format, string[] MediaTypes)[] s_table =
    [
        (SparqlResultFormat.Json, ["application/sparql-results+json", "application/json"]),
        (SparqlResultFormat.Xml, ["application/sparql-results+xml", "application/xml", "text/xml"]),
        (SparqlResultFormat.Csv, ["text/csv"]),
        (SparqlResultFormat.Tsv, ["text/tab-separated-values"]),
    ];

    public static readonly RdfFormat[] GraphFormats =
        [RdfFormat.Turtle, RdfFormat.NTriples, RdfFormat.RdfXml, RdfFormat.JsonLd, RdfFormat.TriG, RdfFormat.NQuads];

    /// <summary>Offered media types for tables (<paramref name="boolean"/> false) or booleans, for 406 messages.</summary>
    public static IEnumerable<string> Offered(bool boolean) =>
        s_table.Where(e => !boolean || e.Format.SupportsBoolean()).Select(e => e.MediaTypes[0]);

    /// <summary>The result format for a SELECT (<paramref name="boolean"/> false) or ASK; null: none acceptable.</summary>
    public static SparqlResultFormat? ForResults(string? accept, string? format, bool boolean)
    {
        if (format is not null)
        {
            SparqlResultFormat? named = SparqlResultFormats.FromName(format);
            return named is { } f && (!boolean || f.SupportsBoolean()) ? f : null;
        }
        var offered = new List<string>();
        var formatOf = new List<SparqlResultFormat>();
        foreach (var (f, types) in s_table)
        {
            if (boolean && !f.SupportsBoolean()) continue;
            foreach (string t in types)
            {
                offered.Add(t);
                formatOf.Add(f);
            }
        }
        string? chosen = ContentNegotiation.Choose(WithoutUtf8Charset(accept), offered);
        return chosen is null ? null : formatOf[offered.IndexOf(chosen)];
    }

    /// <summary>The RDF syntax for a CONSTRUCT / DESCRIBE result (or a service description); null: none acceptable.</summary>
    public static RdfFormat? ForGraph(string? accept, string? format, IReadOnlyList<RdfFormat> formats)
    {
        if (format is not null)
        {
            RdfFormat? named = format.Trim().ToLowerInvariant() == "json" ? RdfFormat.JsonLd : RdfFormats.FromName(format);
            return named is { } f && formats.Contains(f) ? f : null;
        }
        return RdfFormats.Negotiate(WithoutUtf8Charset(accept), formats);
    }

    /// <summary>True when <paramref name="format"/> names some format this node knows (else the client gets 400, not 406).</summary>
    public static bool IsKnown(string format) =>
        SparqlResultFormats.FromName(format) is not null || RdfFormats.FromName(format) is not null || format.Trim().Equals("json", StringComparison.OrdinalIgnoreCase);
}
