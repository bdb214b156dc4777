using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;

namespace DihNode.Rdf.Tests.Shacl;

/// <summary>Turtle in, report out: shapes and data share these prefixes.</summary>
internal static class ShaclTestSupport
{
    public const string Ex = "http://example.org/";

    private const string Prefixes = """
        @prefix ex: <http://example.org/> .
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

        """;

    public static List<Quad> Turtle(string text)
    {
        var sink = new ListSink();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Prefixes + text)), RdfFormat.Turtle, sink, new RdfParserOptions { BaseIri = Ex });
        return sink.Quads;
    }

    public static ValidationReport Validate(string data, string shapes) => ShaclValidator.Validate(Turtle(data), Turtle(shapes));

    /// <summary>The results as "focus component value" strings (local names under ex: and sh:), sorted.</summary>
    public static List<string> Summary(ValidationReport report) =>
        [.. report.Results.Select(r => $"{Short(r.FocusNode)} {Short(r.SourceConstraintComponent).Replace("ConstraintComponent", "", StringComparison.Ordinal)}"
            + (r.Value is null ? "" : " " + Short(r.Value))).Order(StringComparer.Ordinal)];

    public static string Short(Term t) => t switch
    {
        Iri i when i.Value.StartsWith(Ex, StringComparison.Ordinal) => i.Value[Ex.Length..],
        Iri i when i.Value.StartsWith("http://www.w3.org/ns/shacl#", StringComparison.Ordinal) => i.Value["http://www.w3.org/ns/shacl#".Length..],
        Literal l => l.LexicalForm,
        _ => t.ToString(),
    };

    public static Iri I(string local) => Iri.Create(Ex + local);

    private sealed class ListSink : IQuadSink
    {
        public List<Quad> Quads { get; } = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }
}
