using DihNode.Rdf.Model;

namespace DihNode.Vocab.Catalog;

/// <summary>
/// The terms and authority IRIs the DCAT-AP 3.0.1 catalogue uses
/// (https://semiceu.github.io/DCAT-AP/releases/3.0.1/), beside those of <see cref="Namespaces"/>:
/// DCAT classes and properties, the EU authority tables DCAT-AP names as controlled vocabularies
/// (file type, licence, language, data theme, corporate body), IANA media types and Hydra paging.
/// </summary>
public static class DcatAp
{
    public const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    public const string Hydra = "http://www.w3.org/ns/hydra/core#";
    public const string FileType = "http://publications.europa.eu/resource/authority/file-type/";
    public const string Licence = "http://publications.europa.eu/resource/authority/licence/";
    public const string Language = "http://publications.europa.eu/resource/authority/language/";
    public const string DataTheme = "http://publications.europa.eu/resource/authority/data-theme";

    /// <summary>IANA media types as DCAT-AP's controlled vocabulary writes them (<c>…/media-types/text/turtle</c>).</summary>
    public const string MediaTypes = "http://www.iana.org/assignments/media-types/";

    private static Iri I(string ns, string local) => Iri.FromTrusted(ns + local);

    public static readonly Iri Catalog = I(Namespaces.Dcat, "Catalog");
    public static readonly Iri Dataset = I(Namespaces.Dcat, "Dataset");
    public static readonly Iri Distribution = I(Namespaces.Dcat, "Distribution");
    public static readonly Iri DataService = I(Namespaces.Dcat, "DataService");
    public static readonly Iri DatasetProperty = I(Namespaces.Dcat, "dataset");
    public static readonly Iri Service = I(Namespaces.Dcat, "service");
    public static readonly Iri DistributionProperty = I(Namespaces.Dcat, "distribution");
    public static readonly Iri AccessUrl = I(Namespaces.Dcat, "accessURL");
    public static readonly Iri DownloadUrl = I(Namespaces.Dcat, "downloadURL");
    public static readonly Iri MediaType = I(Namespaces.Dcat, "mediaType");
    public static readonly Iri EndpointUrl = I(Namespaces.Dcat, "endpointURL");
    public static readonly Iri EndpointDescription = I(Namespaces.Dcat, "endpointDescription");
    public static readonly Iri ServesDataset = I(Namespaces.Dcat, "servesDataset");
    public static readonly Iri AccessService = I(Namespaces.Dcat, "accessService");
    public static readonly Iri Theme = I(Namespaces.Dcat, "theme");
    public static readonly Iri ThemeTaxonomy = I(Namespaces.Dcat, "themeTaxonomy");
    public static readonly Iri Keyword = I(Namespaces.Dcat, "keyword");

    public static readonly Iri Title = I(Namespaces.Dct, "title");

    /// <summary>dct:hasPart: a catalogue that is part of this one (an aggregator's peers' catalogues).</summary>
    public static readonly Iri HasPart = I(Namespaces.Dct, "hasPart");

    /// <summary>prov:wasDerivedFrom: the dataset an aggregated copy was taken from (DCAT-AP constrains it not).</summary>
    public static readonly Iri WasDerivedFrom = Iri.FromTrusted("http://www.w3.org/ns/prov#wasDerivedFrom");
    public static readonly Iri Description = I(Namespaces.Dct, "description");
    public static readonly Iri Publisher = I(Namespaces.Dct, "publisher");
    public static readonly Iri License = I(Namespaces.Dct, "license");
    public static readonly Iri Issued = I(Namespaces.Dct, "issued");
    public static readonly Iri Modified = I(Namespaces.Dct, "modified");
    public static readonly Iri LanguageProperty = I(Namespaces.Dct, "language");
    public static readonly Iri Spatial = I(Namespaces.Dct, "spatial");
    public static readonly Iri Format = I(Namespaces.Dct, "format");
    public static readonly Iri ConformsTo = I(Namespaces.Dct, "conformsTo");
    public static readonly Iri Identifier = I(Namespaces.Dct, "identifier");
    public static readonly Iri LicenseDocument = I(Namespaces.Dct, "LicenseDocument");
    public static readonly Iri LinguisticSystem = I(Namespaces.Dct, "LinguisticSystem");
    public static readonly Iri Location = I(Namespaces.Dct, "Location");
    public static readonly Iri MediaTypeClass = I(Namespaces.Dct, "MediaType");
    public static readonly Iri MediaTypeOrExtent = I(Namespaces.Dct, "MediaTypeOrExtent");
    public static readonly Iri Standard = I(Namespaces.Dct, "Standard");

    public static readonly Iri Agent = I(Namespaces.Foaf, "Agent");
    public static readonly Iri Name = I(Namespaces.Foaf, "name");
    public static readonly Iri Homepage = I(Namespaces.Foaf, "homepage");
    public static readonly Iri Document = I(Namespaces.Foaf, "Document");

    /// <summary>rdfs:Resource: DCAT-AP 3.0.1's range file asks <c>sh:class rdfs:Resource</c> of endpoint URLs and descriptions.</summary>
    public static readonly Iri Resource = I(Rdfs, "Resource");

    public static readonly Iri PartialCollectionView = I(Hydra, "PartialCollectionView");
    public static readonly Iri View = I(Hydra, "view");
    public static readonly Iri TotalItems = I(Hydra, "totalItems");
    public static readonly Iri First = I(Hydra, "first");
    public static readonly Iri Last = I(Hydra, "last");
    public static readonly Iri Next = I(Hydra, "next");
    public static readonly Iri Previous = I(Hydra, "previous");

    /// <summary>Creative Commons Attribution 4.0 in the EU licence table: the Commission's reuse licence.</summary>
    public static readonly Iri CcBy40 = I(Licence, "CC_BY_4_0");

    public static readonly Iri English = I(Language, "ENG");

    /// <summary>The data theme "Science and technology".</summary>
    public static readonly Iri ThemeTechnology = I(DataTheme + "/", "TECH");

    public static readonly Iri ThemeScheme = Iri.FromTrusted(DataTheme);

    /// <summary>SPARQL 1.1 Protocol and OData 4.01 Protocol, the standards the two data services conform to.</summary>
    public static readonly Iri SparqlProtocol = Iri.FromTrusted("https://www.w3.org/TR/sparql11-protocol/");

    public static readonly Iri ODataProtocol = Iri.FromTrusted("https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part1-protocol.html");

    /// <summary>English names of the corporate bodies the source descriptions name as publishers.</summary>
    public static IReadOnlyDictionary<string, string> CorporateBodyNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Namespaces.CorporateBody + "CNECT"] = "Directorate-General for Communications Networks, Content and Technology",
        [Namespaces.CorporateBody + "JRC"] = "Joint Research Centre",
    };
}
