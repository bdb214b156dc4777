using DihNode.Rdf.Model;

namespace DihNode.Vocab;

/// <summary>
/// The namespaces and terms of the DIH application profile (vocab/PROFILE.md), in one place. Only the
/// terms the profile uses are listed; code never spells an IRI of these vocabularies anywhere else.
/// </summary>
public static class Namespaces
{
    public const string Dih = "https://w3id.org/dihnode/ns#";
    public const string Org = "http://www.w3.org/ns/org#";
    public const string Locn = "http://www.w3.org/ns/locn#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string Skos = "http://www.w3.org/2004/02/skos/core#";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Owl = "http://www.w3.org/2002/07/owl#";
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Euvoc = "http://publications.europa.eu/ontology/euvoc#";
    public const string CountryAuthority = "http://publications.europa.eu/resource/authority/country/";
    public const string CorporateBody = "http://publications.europa.eu/resource/authority/corporate-body/";
    public const string NutsCode = "http://data.europa.eu/nuts/code/";
    public const string NutsScheme2024 = "http://data.europa.eu/nuts/scheme/2024";
    public const string Nuts = "http://data.europa.eu/nuts/";

    /// <summary>The prefixes writers should declare for profile data.</summary>
    public static IReadOnlyList<(string Prefix, string Namespace)> Prefixes { get; } =
    [
        ("dih", Dih), ("org", Org), ("locn", Locn), ("dct", Dct), ("skos", Skos), ("foaf", Foaf),
        ("owl", Owl), ("dcat", Dcat), ("xsd", Vocabulary.Xsd.Namespace), ("rdf", Vocabulary.Rdf.Namespace),
    ];

    private static Iri I(string ns, string local) => Iri.FromTrusted(ns + local);

    /// <summary>Terms of the DIH namespace (defined by PROFILE.md).</summary>
    public static class DihTerms
    {
        public static readonly Iri Hub = I(Dih, "Hub");
        public static readonly Iri Involvement = I(Dih, "Involvement");
        public static readonly Iri InvolvementProperty = I(Dih, "involvement");
        public static readonly Iri Topic = I(Dih, "topic");
        public static readonly Iri Level = I(Dih, "level");
        public static readonly Iri SourceRecord = I(Dih, "sourceRecord");
    }

    public static class OrgTerms
    {
        public static readonly Iri Organization = I(Org, "Organization");
        public static readonly Iri Classification = I(Org, "classification");
    }

    public static class LocnTerms
    {
        public static readonly Iri Address = I(Locn, "Address");
        public static readonly Iri AddressProperty = I(Locn, "address");
        public static readonly Iri FullAddress = I(Locn, "fullAddress");
        public static readonly Iri Thoroughfare = I(Locn, "thoroughfare");
        public static readonly Iri PostCode = I(Locn, "postCode");
        public static readonly Iri PostName = I(Locn, "postName");
        public static readonly Iri AdminUnitL1 = I(Locn, "adminUnitL1");
    }

    public static class DctTerms
    {
        public static readonly Iri Title = I(Dct, "title");
        public static readonly Iri Description = I(Dct, "description");
        public static readonly Iri Identifier = I(Dct, "identifier");
        public static readonly Iri Spatial = I(Dct, "spatial");
        public static readonly Iri Source = I(Dct, "source");
        public static readonly Iri Relation = I(Dct, "relation");
        public static readonly Iri Publisher = I(Dct, "publisher");
    }

    public static class SkosTerms
    {
        public static readonly Iri Concept = I(Skos, "Concept");
        public static readonly Iri ConceptScheme = I(Skos, "ConceptScheme");
        public static readonly Iri PrefLabel = I(Skos, "prefLabel");
        public static readonly Iri AltLabel = I(Skos, "altLabel");
        public static readonly Iri Notation = I(Skos, "notation");
        public static readonly Iri InScheme = I(Skos, "inScheme");
        public static readonly Iri TopConceptOf = I(Skos, "topConceptOf");
        public static readonly Iri HasTopConcept = I(Skos, "hasTopConcept");
        public static readonly Iri Broader = I(Skos, "broader");
        public static readonly Iri ExactMatch = I(Skos, "exactMatch");
        public static readonly Iri CloseMatch = I(Skos, "closeMatch");
    }

    public static class FoafTerms
    {
        public static readonly Iri Homepage = I(Foaf, "homepage");
        public static readonly Iri Agent = I(Foaf, "Agent");
        public static readonly Iri Name = I(Foaf, "name");
    }

    public static class DcatTerms
    {
        public static readonly Iri Dataset = I(Dcat, "Dataset");
    }

    public static class EuvocTerms
    {
        public static readonly Iri IsoAlpha2 = I(Euvoc, "ISO_3166_1_ALPHA_2");
        public static readonly Iri IsgCou = I(Euvoc, "ISG_COU");
    }

    public static class NutsTerms
    {
        public static readonly Iri Level = I(Nuts, "level");
        public static readonly Iri Scheme2024 = Iri.FromTrusted(NutsScheme2024);
    }
}
