using System.Globalization;
using DihNode.Rdf.Model;
using DihNode.Vocab.Reference;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Profile;

/// <summary>
/// Reads a hub given as RDF (already checked by the RDF importer's rules) into a <see cref="HubRecord"/>,
/// the form the node's registry keeps. The profile's properties become fields (an address or an
/// involvement given as a blank node gets the profile's IRI); any other statement about the hub itself
/// is kept in <see cref="HubRecord.Extra"/>. Statements about other nodes than the hub, its address and
/// its involvements are not kept.
/// </summary>
public static class HubRecordReader
{
    private static readonly HashSet<Iri> s_profileProperties =
    [
        SkosTerms.PrefLabel, SkosTerms.AltLabel, DctTerms.Description, OrgTerms.Classification, DctTerms.Spatial,
        FoafTerms.Homepage, DctTerms.Identifier, DihTerms.SourceRecord, LocnTerms.AddressProperty, DihTerms.InvolvementProperty,
    ];

    public static HubRecord Read(Iri hub, IReadOnlyList<Triple> triples, ReferenceData reference)
    {
        var iris = reference.Iris;
        var bySubject = triples.GroupBy(t => t.Subject).ToDictionary(g => g.Key, g => g.ToList());
        var own = bySubject.GetValueOrDefault(hub) ?? [];
        string? Text(NamedOrBlankNode s, Iri p) =>
            (bySubject.GetValueOrDefault(s) ?? []).Where(t => t.Predicate == p).Select(t => t.Object).OfType<Literal>().Select(l => l.LexicalForm).FirstOrDefault();
        Iri? Object(Iri p, Func<Iri, bool>? where = null) =>
            own.Where(t => t.Predicate == p).Select(t => t.Object).OfType<Iri>().FirstOrDefault(i => where is null || where(i));

        string sourcePrefix = iris.Base + "/source/";
        var extra = new List<Triple>();
        string source = "rdf";
        foreach (var t in own.Where(t => t.Predicate == DctTerms.Source))
        {
            if (source == "rdf" && t.Object is Iri s && s.Value.StartsWith(sourcePrefix, StringComparison.Ordinal)) source = s.Value[sourcePrefix.Length..];
            else extra.Add(t);
        }
        string? identifier = Text(hub, DctTerms.Identifier);
        string key = identifier is not null && identifier.StartsWith(source + "/", StringComparison.Ordinal) && identifier.Length > source.Length + 1
            ? identifier[(source.Length + 1)..]
            : Names.Slug(hub.Value);
        var country = Object(DctTerms.Spatial, reference.IsCountry)
            ?? throw new ArgumentException($"hub <{hub.Value}> has no known country", nameof(triples));

        NamedOrBlankNode? address = own.Where(t => t.Predicate == LocnTerms.AddressProperty).Select(t => t.Object).OfType<NamedOrBlankNode>().FirstOrDefault();
        var topics = new List<HubTopic>();
        foreach (var inv in own.Where(t => t.Predicate == DihTerms.InvolvementProperty).Select(t => t.Object).OfType<NamedOrBlankNode>())
        {
            var parts = bySubject.GetValueOrDefault(inv) ?? [];
            var concept = parts.Where(t => t.Predicate == DihTerms.Topic).Select(t => t.Object).OfType<Iri>().FirstOrDefault();
            if (concept is null) continue;
            string? level = parts.Where(t => t.Predicate == DihTerms.Level).Select(t => t.Object).OfType<Literal>().Select(l => l.LexicalForm).FirstOrDefault();
            topics.Add(new HubTopic(SchemeOf(concept, iris), concept,
                level is not null && int.TryParse(level, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) ? n : null));
        }
        foreach (var t in own)
        {
            if (s_profileProperties.Contains(t.Predicate) || t.Predicate == DctTerms.Source) continue;
            if (t.Predicate == Vocabulary.Rdf.Type && (t.Object == OrgTerms.Organization || t.Object == DihTerms.Hub)) continue;
            extra.Add(t);
        }
        return new HubRecord
        {
            Source = source,
            Key = key,
            Iri = hub,
            SourceRecord = Text(hub, DihTerms.SourceRecord) ?? hub.Value,
            Name = Text(hub, SkosTerms.PrefLabel) ?? "",
            Title = Text(hub, SkosTerms.AltLabel),
            Description = Text(hub, DctTerms.Description),
            HubType = Object(OrgTerms.Classification) ?? iris.Concept(ConceptSchemes.HubType, "DIH"),
            Country = country,
            NutsRegion = Object(DctTerms.Spatial, i => i.Value.StartsWith(NutsCode, StringComparison.Ordinal)),
            Website = Object(FoafTerms.Homepage)?.Value,
            FullAddress = address is null ? null : Text(address, LocnTerms.FullAddress),
            Street = address is null ? null : Text(address, LocnTerms.Thoroughfare),
            PostCode = address is null ? null : Text(address, LocnTerms.PostCode),
            City = address is null ? null : Text(address, LocnTerms.PostName),
            Topics = topics,
            Extra = extra,
        };
    }

    /// <summary>The scheme part of a concept IRI <c>{base}/concept/{scheme}/{slug}</c>, else "topic".</summary>
    private static string SchemeOf(Iri concept, ProfileIris iris)
    {
        string prefix = iris.Base + "/concept/";
        if (!concept.Value.StartsWith(prefix, StringComparison.Ordinal)) return "topic";
        string rest = concept.Value[prefix.Length..];
        int slash = rest.IndexOf('/');
        return slash > 0 ? rest[..slash] : "topic";
    }
}
