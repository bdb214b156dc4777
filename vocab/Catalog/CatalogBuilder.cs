using System.Globalization;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Vocab.Catalog;

/// <summary>
/// Builds the node's DCAT-AP 3.0.1 catalogue (https://semiceu.github.io/DCAT-AP/releases/3.0.1/) from
/// one store snapshot: a <c>dcat:Catalog</c> with its publisher, licence, language, dates and the
/// countries covered; one <c>dcat:Dataset</c> per source dataset that hubs name (the
/// <c>{base}/source/{key}</c> datasets of PROFILE.md) with a <c>dcat:Distribution</c> per dump
/// serialisation; a <c>dcat:DataService</c> for the SPARQL endpoint and one for the OData service.
/// <para>
/// The result is self-contained: every resource a DCAT-AP range constraint (<c>sh:class</c>) applies to
/// is typed in it (the licence a <c>dct:LicenseDocument</c>, formats <c>dct:MediaTypeOrExtent</c>, the
/// countries <c>dct:Location</c>, endpoint URLs <c>rdfs:Resource</c> ...), so the catalogue conforms to
/// the DCAT-AP shapes on its own, without the store's reference graphs.
/// </para>
/// <para>
/// Paging: with a <see cref="CatalogPage"/> only that slice of the datasets (ordered by IRI) is
/// described, and the catalogue gets a Hydra <c>hydra:PartialCollectionView</c>
/// (https://www.hydra-cg.com/spec/latest/core/#collections) with first, last, previous and next pages.
/// A node has one dataset per source (a handful), so the web host serves the whole catalogue; paging
/// is there for nodes that aggregate many peers.
/// </para>
/// </summary>
public static class CatalogBuilder
{
    /// <summary>The catalogue (triples in the default graph) for the hubs in <paramref name="store"/>.</summary>
    public static IReadOnlyList<Quad> Build(IQuadStore store, CatalogOptions options, CatalogPage? page = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var datasets = SourceDataset.Read(store, options.Iris);
        return Build(datasets, options, page);
    }

    /// <summary>
    /// The catalogue for already read <paramref name="datasets"/>, and on an aggregator its peers' catalogues
    /// as parts (<c>dct:hasPart</c>, DCAT-AP 3.0.1 §Catalogue "has part"), each a <c>dcat:Catalog</c> with its
    /// own title, publisher and datasets. A page counts the own datasets first, then the parts.
    /// </summary>
    public static IReadOnlyList<Quad> Build(IReadOnlyList<SourceDataset> datasets, CatalogOptions options, CatalogPage? page = null, IReadOnlyList<PeerCatalogue>? parts = null)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        page?.Validate();
        parts ??= [];
        var shown = page is { } p ? datasets.Skip(p.Offset).Take(p.Limit).ToList() : datasets;
        var shownParts = page is { } pp ? parts.Skip(Math.Max(0, pp.Offset - datasets.Count)).Take(pp.Limit - shown.Count).ToList() : parts;
        var g = new Graph();
        var catalog = options.Catalog;

        g.Add(catalog, Vocabulary.Rdf.Type, DcatAp.Catalog);
        g.Text(catalog, DcatAp.Title, options.Title);
        g.Text(catalog, DcatAp.Description, options.Description);
        g.Add(catalog, DcatAp.Publisher, options.Publisher);
        g.Add(catalog, DcatAp.License, options.Licence);
        g.Add(catalog, DcatAp.LanguageProperty, options.Language);
        if (options.Issued is { } issued) g.Add(catalog, DcatAp.Issued, DateTime(issued));
        g.Add(catalog, DcatAp.Modified, DateTime(options.Modified ?? DateTimeOffset.UtcNow));
        if (options.Homepage is { } homepage)
        {
            g.Add(catalog, DcatAp.Homepage, homepage);
            g.Add(homepage, Vocabulary.Rdf.Type, DcatAp.Document);
        }
        g.Add(catalog, DcatAp.ThemeTaxonomy, DcatAp.ThemeScheme);
        var countries = datasets.Concat(parts.SelectMany(c => c.Datasets)).SelectMany(d => d.Countries).DistinctBy(c => c.Value).OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        foreach (var country in countries) g.Add(catalog, DcatAp.Spatial, country);

        Agent(g, options.Publisher, options.PublisherName);
        g.Add(options.Licence, Vocabulary.Rdf.Type, DcatAp.LicenseDocument);
        g.Add(options.Language, Vocabulary.Rdf.Type, DcatAp.LinguisticSystem);
        g.Add(DcatAp.ThemeScheme, Vocabulary.Rdf.Type, Namespaces.SkosTerms.ConceptScheme);
        g.Text(DcatAp.ThemeScheme, DcatAp.Title, "Data theme");

        foreach (var dataset in shown)
        {
            g.Add(catalog, DcatAp.DatasetProperty, dataset.Iri);
            Dataset(g, dataset, options, dataset.Iri, options.Dumps, null);
        }
        var served = new List<Iri>(shown.Select(d => d.Iri));
        foreach (var part in shownParts) served.AddRange(Part(g, part, options));
        foreach (var country in countries) g.Add(country, Vocabulary.Rdf.Type, DcatAp.Location);
        if (served.Count > 0)
        {
            g.Add(DcatAp.ThemeTechnology, Vocabulary.Rdf.Type, Namespaces.SkosTerms.Concept);
            g.Add(DcatAp.ThemeTechnology, Namespaces.SkosTerms.PrefLabel, Literal.LangString("Science and technology", "en"));
            g.Add(DcatAp.ThemeTechnology, Namespaces.SkosTerms.InScheme, DcatAp.ThemeScheme);
        }

        if (options.SparqlEndpoint is { } sparql)
            Service(g, options, "sparql", "SPARQL endpoint",
                "SPARQL 1.1 queries over every hub and the reference vocabularies (countries, NUTS regions, concept schemes).",
                sparql, sparql, DcatAp.SparqlProtocol, "SPARQL 1.1 Protocol", served);
        if (options.ODataEndpoint is { } odata)
            Service(g, options, "odata", "OData service",
                "The hubs as OData v4 entity sets, for spreadsheets and business-intelligence tools.",
                odata, Iri.FromTrusted(odata.Value.TrimEnd('/') + "/$metadata"), DcatAp.ODataProtocol, "OData Version 4.01 Protocol", served);

        if (page is { } view) Paging(g, options, view, datasets.Count + parts.Count);
        return g.Quads;
    }

    /// <summary>
    /// A peer's catalogue as a part of this one: its title and publisher (from its Hello), the countries and
    /// datasets of its hubs held here, each dataset with the peer's own dump files as distributions (or this
    /// node's when the peer's URL is unknown). Returns the datasets' IRIs (this node's services serve them too).
    /// </summary>
    private static List<Iri> Part(Graph g, PeerCatalogue part, CatalogOptions options)
    {
        var s = part.CatalogIri(options);
        var publisher = Iri.FromTrusted(s.Value + "/publisher");
        g.Add(options.Catalog, DcatAp.HasPart, s);
        g.Add(s, Vocabulary.Rdf.Type, DcatAp.Catalog);
        g.Text(s, DcatAp.Title, part.Title);
        string hubs = part.Datasets.Sum(d => d.HubCount).ToString(CultureInfo.InvariantCulture);
        g.Text(s, DcatAp.Description,
            $"The catalogue of the federation node '{part.Name}' ({part.PublisherName}), as replicated by this aggregator: {hubs} hubs in {part.Datasets.Count} source dataset(s).");
        g.Add(s, DcatAp.Publisher, publisher);
        Agent(g, publisher, part.PublisherName);
        g.Add(s, DcatAp.License, options.Licence);
        g.Add(s, DcatAp.LanguageProperty, options.Language);
        if (part.Received is { } received) g.Add(s, DcatAp.Modified, DateTime(received));
        if (part.PublicUrl is { } url && Iri.TryCreate(url.TrimEnd('/') + "/", out var homepage))
        {
            g.Add(s, DcatAp.Homepage, homepage!);
            g.Add(homepage!, Vocabulary.Rdf.Type, DcatAp.Document);
        }
        var countries = part.Datasets.SelectMany(d => d.Countries).DistinctBy(c => c.Value).OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        if (part.Country is { } own && !countries.Contains(own)) countries.Insert(0, own);
        foreach (var country in countries)
        {
            g.Add(s, DcatAp.Spatial, country);
            g.Add(country, Vocabulary.Rdf.Type, DcatAp.Location);
        }
        var dumps = part.PublicUrl is { } root
            ? [.. DumpFormats.All.Select(f => new DumpDistribution(f, root.TrimEnd('/') + "/dump/hubs.{ext}"))]
            : options.Dumps;
        var iris = new List<Iri>();
        foreach (var dataset in part.Datasets)
        {
            var iri = part.DatasetIri(options, dataset);
            g.Add(s, DcatAp.DatasetProperty, iri);
            Dataset(g, dataset, options, iri, dumps, publisher);
            g.Add(iri, DcatAp.WasDerivedFrom, dataset.Iri);
            iris.Add(iri);
        }
        return iris;
    }

    private static void Dataset(Graph g, SourceDataset d, CatalogOptions options, Iri s, IReadOnlyList<DumpDistribution> dumps, Iri? fallbackPublisher)
    {
        g.Add(s, Vocabulary.Rdf.Type, DcatAp.Dataset);
        g.Text(s, DcatAp.Title, d.Title);
        string countries = d.Countries.Count == 1 ? "1 country" : d.Countries.Count.ToString(CultureInfo.InvariantCulture) + " countries";
        string hubs = d.HubCount == 1 ? "1 hub" : d.HubCount.ToString(CultureInfo.InvariantCulture) + " hubs";
        g.Text(s, DcatAp.Description,
            $"Digital innovation hubs from {d.Title}: {hubs} in {countries}, with their addresses, NUTS regions and involvement in sectors, services and technologies (DIH application profile).");
        g.Add(s, DcatAp.Identifier, Literal.Simple(fallbackPublisher is null ? d.Key : s.Value));
        g.Add(s, DcatAp.LanguageProperty, options.Language);
        g.Add(s, DcatAp.Theme, DcatAp.ThemeTechnology);
        g.Text(s, DcatAp.Keyword, "digital innovation hub");
        foreach (var country in d.Countries) g.Add(s, DcatAp.Spatial, country);
        if (d.Publisher is { } publisher && DcatAp.CorporateBodyNames.TryGetValue(publisher.Value, out string? name))
        {
            g.Add(s, DcatAp.Publisher, publisher);
            Agent(g, publisher, name);
        }
        else
        {
            g.Add(s, DcatAp.Publisher, fallbackPublisher ?? options.Publisher);
        }

        foreach (var dump in dumps)
        {
            var distribution = Iri.FromTrusted($"{s.Value}/distribution/{dump.Format.Extension()}");
            var url = dump.Url(d.Key);
            g.Add(s, DcatAp.DistributionProperty, distribution);
            g.Add(distribution, Vocabulary.Rdf.Type, DcatAp.Distribution);
            g.Text(distribution, DcatAp.Title, $"{d.Title} ({dump.Format.Label()})");
            g.Add(distribution, DcatAp.AccessUrl, url);
            g.Add(distribution, DcatAp.DownloadUrl, url);
            var format = dump.Format.FileType();
            var mediaType = dump.Format.MediaTypeIri();
            g.Add(distribution, DcatAp.Format, format);
            g.Add(distribution, DcatAp.MediaType, mediaType);
            g.Add(distribution, DcatAp.License, options.Licence);
            g.Add(format, Vocabulary.Rdf.Type, DcatAp.MediaTypeOrExtent);
            g.Add(mediaType, Vocabulary.Rdf.Type, DcatAp.MediaTypeClass);
        }
    }

    private static void Service(Graph g, CatalogOptions options, string key, string title, string description,
        Iri endpoint, Iri endpointDescription, Iri standard, string standardTitle, IReadOnlyList<Iri> serves)
    {
        var s = Iri.FromTrusted($"{options.Iris.Base}/service/{key}");
        g.Add(options.Catalog, DcatAp.Service, s);
        g.Add(s, Vocabulary.Rdf.Type, DcatAp.DataService);
        g.Text(s, DcatAp.Title, title);
        g.Text(s, DcatAp.Description, description);
        g.Add(s, DcatAp.EndpointUrl, endpoint);
        g.Add(s, DcatAp.EndpointDescription, endpointDescription);
        g.Add(s, DcatAp.ConformsTo, standard);
        g.Add(s, DcatAp.Publisher, options.Publisher);
        g.Add(s, DcatAp.License, options.Licence);
        foreach (var d in serves) g.Add(s, DcatAp.ServesDataset, d);
        g.Add(endpoint, Vocabulary.Rdf.Type, DcatAp.Resource);
        g.Add(endpointDescription, Vocabulary.Rdf.Type, DcatAp.Resource);
        g.Add(standard, Vocabulary.Rdf.Type, DcatAp.Standard);
        g.Text(standard, DcatAp.Title, standardTitle);
    }

    private static void Agent(Graph g, Iri agent, string name)
    {
        g.Add(agent, Vocabulary.Rdf.Type, DcatAp.Agent);
        g.Add(agent, DcatAp.Name, Literal.Simple(name));
    }

    /// <summary>A Hydra partial-collection view of the datasets: this page, the first, the last, and the neighbours that exist.</summary>
    private static void Paging(Graph g, CatalogOptions options, CatalogPage page, int total)
    {
        Iri PageIri(int offset) => Iri.FromTrusted(string.Create(CultureInfo.InvariantCulture, $"{options.Catalog.Value}?offset={offset}&limit={page.Limit}"));
        var view = PageIri(page.Offset);
        g.Add(options.Catalog, DcatAp.TotalItems, Literal.Typed(total.ToString(CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer));
        g.Add(options.Catalog, DcatAp.View, view);
        g.Add(view, Vocabulary.Rdf.Type, DcatAp.PartialCollectionView);
        g.Add(view, DcatAp.First, PageIri(0));
        int last = total == 0 ? 0 : (total - 1) / page.Limit * page.Limit;
        g.Add(view, DcatAp.Last, PageIri(last));
        if (page.Offset > 0) g.Add(view, DcatAp.Previous, PageIri(Math.Max(0, page.Offset - page.Limit)));
        if (page.Offset + page.Limit < total) g.Add(view, DcatAp.Next, PageIri(page.Offset + page.Limit));
    }

    private static Literal DateTime(DateTimeOffset t) =>
        Literal.Typed(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Vocabulary.Xsd.DateTime);

    /// <summary>The statements being built, each once, in the order first added.</summary>
    private sealed class Graph
    {
        private readonly HashSet<Quad> _seen = [];

        public List<Quad> Quads { get; } = [];

        public void Add(NamedOrBlankNode s, Iri p, Term o)
        {
            var q = new Quad(s, p, o, null);
            if (_seen.Add(q)) Quads.Add(q);
        }

        public void Text(NamedOrBlankNode s, Iri p, string text) => Add(s, p, Literal.LangString(text, "en"));
    }
}
