using DihNode.Rdf.Model;

namespace DihNode.Vocab.Profile;

/// <summary>
/// A hub's statements as stored in the hubs graph: those about the hub IRI and about its parts
/// (IRIs under <c>{hub}/</c>, or blank nodes reached from the hub, for RDF input).
/// </summary>
public sealed record HubDescription(Iri Hub, IReadOnlyList<Triple> Triples, int Row, int Line)
{
    /// <summary>The record the triples were built from (CSV input), or read from them (RDF input).</summary>
    public HubRecord? Record { get; init; }
}

/// <summary>Turns a <see cref="HubRecord"/> into the triples PROFILE.md prescribes.</summary>
public static class HubDescriptionBuilder
{
    public static HubDescription Build(HubRecord h, ProfileIris iris, int row, int line)
    {
        var hub = h.Iri ?? iris.Hub(h.Source, h.Key);
        var t = new List<Triple>();
        void Add(NamedOrBlankNode s, Iri p, Term o) => t.Add(new Triple(s, p, o));
        void Text(NamedOrBlankNode s, Iri p, string? v) { if (!string.IsNullOrWhiteSpace(v)) Add(s, p, Literal.Simple(v.Trim())); }

        Add(hub, Vocabulary.Rdf.Type, Namespaces.OrgTerms.Organization);
        Add(hub, Vocabulary.Rdf.Type, Namespaces.DihTerms.Hub);
        Add(hub, Namespaces.SkosTerms.PrefLabel, Literal.Simple(h.Name.Trim()));
        if (h.Title is not null && !string.Equals(h.Title.Trim(), h.Name.Trim(), StringComparison.Ordinal)) Text(hub, Namespaces.SkosTerms.AltLabel, h.Title);
        Add(hub, Namespaces.OrgTerms.Classification, h.HubType);
        Add(hub, Namespaces.DctTerms.Spatial, h.Country);
        if (h.NutsRegion is not null) Add(hub, Namespaces.DctTerms.Spatial, h.NutsRegion);
        if (h.Website is not null) Add(hub, Namespaces.FoafTerms.Homepage, Iri.FromTrusted(h.Website));
        Text(hub, Namespaces.DctTerms.Description, h.Description);
        Add(hub, Namespaces.DctTerms.Source, iris.Source(h.Source));
        Add(hub, Namespaces.DihTerms.SourceRecord, Literal.Simple(h.SourceRecord));
        Add(hub, Namespaces.DctTerms.Identifier, Literal.Simple(h.Identifier));

        if (h.FullAddress is not null || h.Street is not null || h.City is not null || h.PostCode is not null)
        {
            var a = ProfileIris.Address(hub);
            Add(hub, Namespaces.LocnTerms.AddressProperty, a);
            Add(a, Vocabulary.Rdf.Type, Namespaces.LocnTerms.Address);
            string full = h.FullAddress ?? string.Join(", ", new[] { h.Street, string.Join(" ", new[] { h.PostCode, h.City }.Where(x => !string.IsNullOrWhiteSpace(x))) }
                .Where(x => !string.IsNullOrWhiteSpace(x)));
            Text(a, Namespaces.LocnTerms.FullAddress, full);
            Text(a, Namespaces.LocnTerms.Thoroughfare, h.Street);
            Text(a, Namespaces.LocnTerms.PostCode, h.PostCode);
            Text(a, Namespaces.LocnTerms.PostName, h.City);
        }
        foreach (var topic in h.Topics)
        {
            var inv = ProfileIris.Involvement(hub, topic.Scheme, topic.Concept);
            Add(hub, Namespaces.DihTerms.InvolvementProperty, inv);
            Add(inv, Vocabulary.Rdf.Type, Namespaces.DihTerms.Involvement);
            Add(inv, Namespaces.DihTerms.Topic, topic.Concept);
            if (topic.Level is int level) Add(inv, Namespaces.DihTerms.Level, Literal.Typed(level.ToString(System.Globalization.CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer));
        }
        t.AddRange(h.Extra);
        return new HubDescription(hub, t.Distinct().ToList(), row, line) { Record = h };
    }
}
