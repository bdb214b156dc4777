using DihNode.Rdf.Model;

namespace DihNode.Vocab.Catalog;

/// <summary>
/// A peer's catalogue as an aggregator lists it (a <c>dcat:Catalog</c> that is <c>dct:hasPart</c> of the
/// aggregator's): what the peer said of itself in its federation Hello (title, publisher, country, public
/// URL), and the source datasets its replicated hubs name. The aggregator mints the IRIs
/// (<c>{base}/catalog/peer/{name}</c>, its datasets below it) so two peers naming the same source IRI stay
/// two datasets; each is <c>prov:wasDerivedFrom</c> the peer's own dataset.
/// </summary>
/// <param name="Name">The peer's name in the federation (<c>es</c>).</param>
/// <param name="Title">The peer's catalogue title.</param>
/// <param name="PublisherName">The peer's operator.</param>
/// <param name="PublicUrl">The peer's public base URL (its dumps are <c>{url}/dump/hubs.{ext}</c>); null when unknown.</param>
/// <param name="Country">The country the peer publishes for (EU authority IRI); null for a multi-country peer.</param>
/// <param name="Datasets">The source datasets of the peer's hubs held here.</param>
/// <param name="Received">When the aggregator last applied the peer's feed (the sub-catalogue's dct:modified).</param>
public sealed record PeerCatalogue(
    string Name, string Title, string PublisherName, string? PublicUrl, Iri? Country,
    IReadOnlyList<SourceDataset> Datasets, DateTimeOffset? Received)
{
    /// <summary>The sub-catalogue's IRI under the aggregator's catalogue.</summary>
    public Iri CatalogIri(CatalogOptions options) => Iri.FromTrusted($"{options.Catalog.Value}/peer/{Name}");

    /// <summary>The aggregator's IRI for the peer's copy of <paramref name="dataset"/>.</summary>
    public Iri DatasetIri(CatalogOptions options, SourceDataset dataset) => Iri.FromTrusted($"{CatalogIri(options).Value}/dataset/{dataset.Key}");
}
