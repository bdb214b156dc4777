using System.Globalization;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Import;

/// <summary>
/// Hubs given as RDF in any syntax the parser reads. Every IRI typed <c>dih:Hub</c> is a hub; its
/// description is its own statements plus those of the nodes it reaches that are blank nodes or IRIs
/// under <c>{hub}/</c> (address, involvements), whatever graph they were in. A hub is checked against
/// the profile's rules: a name (<c>skos:prefLabel</c>), exactly one known country in <c>dct:spatial</c>,
/// an http(s) <c>foaf:homepage</c>, involvement levels that are integers 1–5. A hub without
/// <c>dct:source</c> gets <c>{base}/source/rdf</c>. Problems name the hub and the property.
/// </summary>
public static class HubRdfFormat
{
    public const string Source = "rdf";

    public static HubBatch Read(Stream input, RdfFormat format, ReferenceData reference, RdfParserOptions? options = null)
    {
        var quads = new List<Quad>();
        RdfParser.Parse(input, format, new ListSink(quads), options);
        var bySubject = quads.GroupBy(q => q.Subject).ToDictionary(g => g.Key, g => g.Select(q => q.Triple).Distinct().ToList());
        var hubs = quads.Where(q => q.Predicate == Vocabulary.Rdf.Type && q.Object == DihTerms.Hub).Select(q => q.Subject).Distinct().ToList();
        var batch = new HubBatch();
        foreach (var subject in hubs)
        {
            var problems = new List<ImportProblem>();
            string record = subject.ToString();
            void Problem(string column, string reason) => problems.Add(new ImportProblem(0, 0, column, reason, record));
            if (subject is not Iri hub)
            {
                Problem("@id", "a hub must be named by an IRI (a blank node cannot be updated by a later import)");
                batch.Rejected.Add(problems);
                continue;
            }
            var triples = Describe(hub, bySubject);
            var own = triples.Where(t => t.Subject == hub).ToList();
            if (!own.Any(t => t.Predicate == SkosTerms.PrefLabel && t.Object is Literal { LexicalForm.Length: > 0 }))
                Problem("skos:prefLabel", "missing name (required)");
            var spatial = own.Where(t => t.Predicate == DctTerms.Spatial).Select(t => t.Object).ToList();
            var countries = spatial.OfType<Iri>().Where(i => i.Value.StartsWith(CountryAuthority, StringComparison.Ordinal)).ToList();
            foreach (var c in countries.Where(c => !reference.IsCountry(c)))
                Problem("dct:spatial", $"unknown country <{c.Value}>");
            if (countries.Count == 0) Problem("dct:spatial", "missing country (a country authority IRI is required)");
            else if (countries.Count > 1) Problem("dct:spatial", "more than one country");
            foreach (var t in own.Where(t => t.Predicate == FoafTerms.Homepage))
                if (t.Object is not Iri page || Names.NormaliseWebsite(page.Value, out _) != page.Value)
                    Problem("foaf:homepage", $"bad URL: {t.Object} is not an http(s) IRI");
            foreach (var t in triples.Where(t => t.Predicate == DihTerms.Level))
                if (t.Object is not Literal l || l.Datatype != Vocabulary.Xsd.Integer
                    || !int.TryParse(l.LexicalForm, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) || n is < 1 or > 5)
                    Problem("dih:level", $"bad level {t.Object} (an xsd:integer 1 to 5)");
            if (problems.Count > 0)
            {
                batch.Rejected.Add(problems);
                continue;
            }
            if (!own.Any(t => t.Predicate == DctTerms.Source))
                triples.Add(new Triple(hub, DctTerms.Source, reference.Iris.Source(Source)));
            string? eu = reference.EuCode(countries[0]);
            if (eu is not null && reference.Nuts.HasCountry(eu))
            {
                batch.NutsCountryHubs++;
                if (spatial.OfType<Iri>().Any(i => i.Value.StartsWith(NutsCode, StringComparison.Ordinal))) batch.NutsLinked++;
            }
            batch.Hubs.Add(new HubDescription(hub, triples, 0, 0) { Record = HubRecordReader.Read(hub, triples, reference) });
        }
        return batch;
    }

    /// <summary>The hub's statements and those of the blank nodes and <c>{hub}/…</c> IRIs it reaches.</summary>
    private static List<Triple> Describe(Iri hub, Dictionary<NamedOrBlankNode, List<Triple>> bySubject)
    {
        var result = new List<Triple>();
        var seen = new HashSet<NamedOrBlankNode> { hub };
        var queue = new Queue<NamedOrBlankNode>([hub]);
        string prefix = hub.Value + "/";
        while (queue.TryDequeue(out var s))
        {
            if (!bySubject.TryGetValue(s, out var ts)) continue;
            foreach (var t in ts)
            {
                result.Add(t);
                if (t.Object is BlankNode b && seen.Add(b)) queue.Enqueue(b);
                else if (t.Object is Iri i && i.Value.StartsWith(prefix, StringComparison.Ordinal) && seen.Add(i)) queue.Enqueue(i);
            }
        }
        return result;
    }

    private sealed class ListSink(List<Quad> into) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad);
    }
}
