using System.Text;
using System.Text.RegularExpressions;
using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd.ToRdf;
using DihNode.Rdf.Io.Text;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// Generalized RDF for the toRdf tests that ask for it (option produceGeneralizedRdf, "requires":
/// "GeneralizedRdf"): <see cref="Quad"/> cannot hold a blank-node predicate, so each generalized
/// statement (s, _:p, o, g) is compared in a reified form, a fresh blank node _:st with
/// (_:st rdf:subject s), (_:st <see cref="PredicateLink"/> _:p), (_:st rdf:object o) in graph g.
/// Two generalized datasets are isomorphic exactly when their reified forms are, so the usual
/// <see cref="Isomorphism"/> decides.
/// </summary>
internal static partial class GeneralizedRdf
{
    /// <summary>Links a reified generalized statement to its blank-node predicate.</summary>
    private static readonly Iri PredicateLink = Iri.FromTrusted("urn:x-dihnode:generalized-predicate");

    private static readonly Iri RdfSubject = Iri.FromTrusted(Vocabulary.Rdf.Namespace + "subject");
    private static readonly Iri RdfObject = Iri.FromTrusted(Vocabulary.Rdf.Namespace + "object");

    /// <summary>Stands for a blank-node predicate while the expected N-Quads go through our strict parser.</summary>
    private const string Placeholder = "urn:x-dihnode:blank-predicate:";

    public static bool Required(JsonLdTestCase test) => test.Flag("produceGeneralizedRdf");

    /// <summary>Collects quads, and generalized statements in their reified form.</summary>
    internal sealed class Sink : IGeneralizedQuadSink
    {
        private int _statements;

        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);

        public void AddGeneralized(NamedOrBlankNode subject, BlankNode predicate, Term @object, NamedOrBlankNode? graph) =>
            Reify(Quads, new BlankNode("generalized-statement-" + ++_statements), subject, predicate, @object, graph);
    }

    /// <summary>
    /// The expected N-Quads of a generalized test: lines whose predicate is a blank node are read with
    /// a placeholder IRI in its place, then reified with the blank node the parser gives that label.
    /// </summary>
    public static List<Quad> ReadNQuads(TestEntry entry, string url)
    {
        const string prefix = "e";
        string text = BlankPredicate().Replace(File.ReadAllText(entry.Manifest.Locator.PathOf(url)), m => $"{m.Groups[1].Value}<{Placeholder}{m.Groups[2].Value}> ");
        var parsed = new JsonLdTestSupport.QuadList();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), RdfFormat.NQuads, parsed,
            new RdfParserOptions { SourceName = url, BlankNodePrefix = prefix });
        var labels = new BlankNodeLabels(prefix);
        var result = new List<Quad>();
        int statements = 0;
        foreach (var q in parsed.Quads)
        {
            if (q.Predicate.Value.StartsWith(Placeholder, StringComparison.Ordinal))
                Reify(result, new BlankNode("expected-statement-" + ++statements), q.Subject, labels.FromLabel(q.Predicate.Value[Placeholder.Length..]), q.Object, q.Graph);
            else
                result.Add(q);
        }
        return result;
    }

    private static void Reify(List<Quad> into, BlankNode statement, NamedOrBlankNode subject, BlankNode predicate, Term @object, NamedOrBlankNode? graph)
    {
        into.Add(new Quad(statement, RdfSubject, subject, graph));
        into.Add(new Quad(statement, PredicateLink, predicate, graph));
        into.Add(new Quad(statement, RdfObject, @object, graph));
    }

    /// <summary>A subject term, then a blank node label in the predicate position.</summary>
    [GeneratedRegex(@"^(\s*(?:<[^>]*>|_:\S+)\s+)_:(\S+)\s", RegexOptions.Multiline)]
    private static partial Regex BlankPredicate();
}
