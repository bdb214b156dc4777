using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Registry;

/// <summary>Between the registry's rows and the profile's <see cref="HubRecord"/>, which the RDF projection and the importers share.</summary>
internal static class HubMapping
{
    /// <summary>The record of a hub loaded with its type, country and involvements' concepts.</summary>
    public static HubRecord ToRecord(Hub hub)
    {
        var slash = hub.Identifier.IndexOf('/');
        return new HubRecord
        {
            Source = hub.Source,
            Key = slash >= 0 ? hub.Identifier[(slash + 1)..] : hub.Identifier,
            Iri = Iri.FromTrusted(hub.Iri),
            SourceRecord = hub.SourceRecord,
            Name = hub.Name,
            Title = hub.Title,
            Description = hub.Description,
            HubType = Iri.FromTrusted(hub.Type!.Iri),
            Country = Iri.FromTrusted(hub.Country!.Iri),
            NutsRegion = hub.NutsCode is null ? null : Iri.FromTrusted(Namespaces.NutsCode + hub.NutsCode),
            Website = hub.Website,
            FullAddress = hub.FullAddress,
            Street = hub.Street,
            PostCode = hub.PostCode,
            City = hub.City,
            Topics = hub.Involvements.OrderBy(i => i.Concept!.Iri, StringComparer.Ordinal)
                .Select(i => new HubTopic(i.Concept!.Scheme, Iri.FromTrusted(i.Concept.Iri), i.Level)).ToList(),
            Extra = ParseExtra(hub.ExtraTriples),
        };
    }

    /// <summary>
    /// Copies <paramref name="record"/> onto <paramref name="hub"/> (a new or tracked row); concepts and
    /// countries are looked up by IRI in <paramref name="lookup"/>, and a concept the registry does not know
    /// yet (RDF input naming its own topics) is added.
    /// </summary>
    public static void CopyTo(HubRecord record, Hub hub, ReferenceLookup lookup)
    {
        hub.Identifier = record.Identifier;
        hub.Iri = (record.Iri ?? lookup.Iris.Hub(record.Source, record.Key)).Value;
        hub.Source = record.Source;
        hub.SourceRecord = record.SourceRecord;
        hub.Name = record.Name.Trim();
        hub.Title = Clean(record.Title);
        hub.Description = Clean(record.Description);
        hub.Type = lookup.Concept(record.HubType, ConceptSchemes.HubType);
        hub.Country = lookup.Country(record.Country);
        hub.CountryCode = hub.Country.Code;
        hub.NutsCode = record.NutsRegion?.Value.StartsWith(Namespaces.NutsCode, StringComparison.Ordinal) == true
            ? record.NutsRegion.Value[Namespaces.NutsCode.Length..] : null;
        hub.Website = record.Website;
        hub.FullAddress = Clean(record.FullAddress);
        hub.Street = Clean(record.Street);
        hub.PostCode = Clean(record.PostCode);
        hub.City = Clean(record.City);
        hub.ExtraTriples = record.Extra.Count == 0 ? null : WriteExtra(record.Extra);
        var wanted = record.Topics.GroupBy(t => t.Concept).Select(g => g.First()).ToList();
        hub.Involvements.RemoveAll(i => !wanted.Any(t => t.Concept.Value == i.Concept!.Iri));
        foreach (var topic in wanted)
        {
            var existing = hub.Involvements.FirstOrDefault(i => i.Concept!.Iri == topic.Concept.Value);
            if (existing is not null) existing.Level = topic.Level;
            else hub.Involvements.Add(new Involvement { Hub = hub, Concept = lookup.Concept(topic.Concept, topic.Scheme), Level = topic.Level });
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<Triple> ParseExtra(string? ntriples)
    {
        if (string.IsNullOrEmpty(ntriples)) return [];
        var sink = new TripleList();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(ntriples)), RdfFormat.NTriples, sink);
        return sink.Triples;
    }

    private static string WriteExtra(IReadOnlyList<Triple> triples)
    {
        var output = new MemoryStream();
        using (var writer = RdfWriter.Create(output, RdfFormat.NTriples))
        {
            foreach (var t in triples) writer.Add(new Quad(t.Subject, t.Predicate, t.Object, null));
            writer.Finish();
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private sealed class TripleList : IQuadSink
    {
        public List<Triple> Triples { get; } = [];

        public void Add(in Quad quad) => Triples.Add(quad.Triple);
    }
}
