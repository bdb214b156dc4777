using System.Globalization;
using System.Text;
using DihNode.Conformance.Running;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.Reporting;

/// <summary>
/// Test results as an EARL report (Evaluation and Report Language 1.0, https://www.w3.org/TR/EARL10-Schema/),
/// the form the W3C implementation reports are collected in: one earl:Assertion per test, about the
/// DihNode project, with earl:passed / earl:failed / earl:untested and the failure reason as earl:info.
/// </summary>
internal static class EarlReport
{
    private const string Earl = "http://www.w3.org/ns/earl#";
    private const string Doap = "http://usefulinc.com/ns/doap#";
    private const string Dc = "http://purl.org/dc/terms/";

    /// <summary>The IRI the report uses for DihNode itself (assertor and subject of every assertion).</summary>
    public const string ProjectIri = "urn:x-dihnode:project";

    private static readonly (string Prefix, string Namespace)[] s_prefixes =
    [
        ("earl", Earl), ("doap", Doap), ("dc", Dc), ("xsd", Vocabulary.Xsd.Namespace), ("rdf", Vocabulary.Rdf.Namespace),
    ];

    /// <summary>Writes the report; N-Triples when the file name ends in .nt, else Turtle.</summary>
    public static void Write(string path, IEnumerable<TestResult> results, DateTimeOffset when)
    {
        var quads = Build(results, when);
        string text = path.EndsWith(".nt", StringComparison.OrdinalIgnoreCase) ? ToNTriples(quads) : ToTurtle(quads);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    /// <summary>The report's triples.</summary>
    public static List<Quad> Build(IEnumerable<TestResult> results, DateTimeOffset when)
    {
        var quads = new List<Quad>();
        var project = Iri.FromTrusted(ProjectIri);
        void Add(NamedOrBlankNode s, Iri p, Term o) => quads.Add(new Quad(s, p, o, null));

        Add(project, Vocabulary.Rdf.Type, I(Doap + "Project"));
        Add(project, Vocabulary.Rdf.Type, I(Earl + "TestSubject"));
        Add(project, Vocabulary.Rdf.Type, I(Earl + "Software"));
        Add(project, I(Doap + "name"), Literal.Simple("DihNode"));
        Add(project, I(Doap + "description"),
            Literal.LangString("Federated linked-data node with its own RDF and SPARQL engine in C#", "en"));
        Add(project, I(Doap + "programming-language"), Literal.Simple("C#"));

        var date = Literal.Typed(when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Vocabulary.Xsd.DateTime);
        int n = 0;
        foreach (var r in results)
        {
            n++;
            var assertion = new BlankNode("assertion" + n);
            var result = new BlankNode("result" + n);
            Add(assertion, Vocabulary.Rdf.Type, I(Earl + "Assertion"));
            Add(assertion, I(Earl + "assertedBy"), project);
            Add(assertion, I(Earl + "subject"), project);
            Add(assertion, I(Earl + "test"), r.Test.Node is Iri testIri ? testIri : Iri.FromTrusted(r.Test.Id));
            Add(assertion, I(Earl + "mode"), I(Earl + "automatic"));
            Add(assertion, I(Earl + "result"), result);
            Add(result, Vocabulary.Rdf.Type, I(Earl + "TestResult"));
            Add(result, I(Earl + "outcome"), I(Earl + r.Status switch
            {
                TestStatus.Passed => "passed",
                TestStatus.Failed => "failed",
                _ => "untested",
            }));
            Add(result, I(Dc + "date"), date);
            if (r.Reason is not null) Add(result, I(Earl + "info"), Literal.Simple(r.Reason));
        }
        return quads;
    }

    private static Iri I(string value) => Iri.FromTrusted(value);

    private static string ToNTriples(List<Quad> quads)
    {
        var sb = new StringBuilder();
        foreach (var q in quads) sb.Append(q.ToString()).Append('\n');
        return sb.ToString();
    }

    /// <summary>Turtle with prefixes, statements grouped by subject in first-seen order.</summary>
    private static string ToTurtle(List<Quad> quads)
    {
        var sb = new StringBuilder();
        foreach (var (prefix, ns) in s_prefixes) sb.Append("@prefix ").Append(prefix).Append(": <").Append(ns).Append("> .\n");
        foreach (var group in quads.GroupBy(q => q.Subject))
        {
            sb.Append('\n').Append(Write(group.Key));
            string separator = "\n    ";
            foreach (var byPredicate in group.GroupBy(q => q.Predicate))
            {
                sb.Append(separator)
                  .Append(byPredicate.Key.Equals(Vocabulary.Rdf.Type) ? "a" : Write(byPredicate.Key)).Append(' ')
                  .Append(string.Join(", ", byPredicate.Select(q => Write(q.Object))));
                separator = " ;\n    ";
            }
            sb.Append(" .\n");
        }
        return sb.ToString();
    }

    private static string Write(Term term)
    {
        if (term is Literal l && l.Datatype.Equals(Vocabulary.Xsd.DateTime))
            return "\"" + l.LexicalForm + "\"^^xsd:dateTime";
        if (term is not Iri iri) return term.ToString();
        foreach (var (prefix, ns) in s_prefixes)
        {
            if (!iri.Value.StartsWith(ns, StringComparison.Ordinal)) continue;
            string local = iri.Value[ns.Length..];
            if (local.Length > 0 && char.IsAsciiLetter(local[0]) && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return prefix + ":" + local;
        }
        return iri.ToString();
    }
}
