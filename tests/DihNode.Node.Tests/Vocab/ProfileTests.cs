using DihNode.Rdf.Model;
using DihNode.Vocab;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;

namespace DihNode.Node.Tests.Vocab;

public sealed class ProfileTests
{
    [Theory]
    [InlineData("Ciência & Tecnologia", "ciencia-tecnologia")]
    [InlineData("  DATAlife ", "datalife")]
    [InlineData("Straße/Łódź (PL)", "strase-lodz-pl")]
    [InlineData("re_d", "re-d")]
    public void SlugsAreStable(string name, string slug) => Assert.Equal(slug, Names.Slug(name));

    [Theory]
    [InlineData("https://www.re-d.pl/", "https://www.re-d.pl/")]
    [InlineData("www.unipu.hr", "http://www.unipu.hr")]
    [InlineData("Website", null)]
    [InlineData("ftp://files.example.org/", null)]
    [InlineData("http://exa mple.org", null)]
    [InlineData("mailto:hub@example.org", null)]
    public void WebsitesAreNormalisedOrRefused(string value, string? expected) =>
        Assert.Equal(expected, Names.NormaliseWebsite(value, out _));

    [Fact]
    public void WebsiteHostsDropWww() => Assert.Equal("sirris.be", Names.WebsiteHost("https://WWW.Sirris.be/x"));

    [Fact]
    public void IrisFollowThePatterns()
    {
        var iris = new ProfileIris("https://hubs.example.eu/");
        Assert.Equal("https://hubs.example.eu/hub/jrc2022/4423", iris.Hub("jrc2022", "4423").Value);
        Assert.Equal("https://hubs.example.eu/concept/service/sme-support", iris.Concept("service", "SME support").Value);
        Assert.Equal("https://hubs.example.eu/graph/hubs", iris.HubsGraph.Value);
        Assert.Throws<FormatException>(() => new ProfileIris("not an iri"));
    }

    [Fact]
    public void ConceptSchemesComeFromTheTaxonomies()
    {
        var schemes = VocabTestData.Reference.Schemes;
        int Count(string scheme) => schemes.Quads.Count(q => q.Predicate == Namespaces.SkosTerms.InScheme && q.Object == schemes.Iris.Scheme(scheme));
        Assert.Equal(3, Count(ConceptSchemes.HubType));
        Assert.Equal(42, Count(ConceptSchemes.Sector));
        Assert.Equal(15, Count(ConceptSchemes.Service));
        Assert.Equal(34, Count(ConceptSchemes.Technology));
        Assert.Equal(36, Count(ConceptSchemes.LegacySector));
        Assert.Equal(schemes.Iris.Concept("service", "Sme Business Development"), schemes.Find(ConceptSchemes.Service, "SME BUSINESS DEVELOPMENT"));
        Assert.Null(schemes.Find(ConceptSchemes.Sector, "Sme Business Development"));
    }

    [Fact]
    public void LegacySectorsMatchThe2025Ones()
    {
        var schemes = VocabTestData.Reference.Schemes;
        var legacy = schemes.Find(ConceptSchemes.LegacySector, "Wholesale and retail")!;
        var matches = schemes.Quads.Where(q => q.Subject == legacy && q.Predicate == Namespaces.SkosTerms.ExactMatch).Select(q => q.Object).ToList();
        Assert.Equal([schemes.Find(ConceptSchemes.Sector, "Retail, wholesale or distribution")!], matches);
        var health = schemes.Find(ConceptSchemes.LegacySector, "Life sciences & healthcare")!;
        Assert.Equal(2, schemes.Quads.Count(q => q.Subject == health && q.Predicate == Namespaces.SkosTerms.CloseMatch));
        // Every row of the table names labels that exist: nothing silently dropped.
        int links = schemes.Quads.Count(q => q.Predicate == Namespaces.SkosTerms.ExactMatch || q.Predicate == Namespaces.SkosTerms.CloseMatch);
        Assert.Equal(SectorMapping.Table.Count, links);
    }

    [Fact]
    public void CountriesAreFoundByIriAndCodes()
    {
        var r = VocabTestData.Reference;
        var greece = Iri.Create(Namespaces.CountryAuthority + "GRC");
        Assert.Equal(greece, r.FindCountry("GR"));
        Assert.Equal(greece, r.FindCountry("EL"));
        Assert.Equal(greece, r.FindCountry("GRC"));
        Assert.Equal(greece, r.FindCountry(greece.Value));
        Assert.Equal("EL", r.EuCode(greece));
        Assert.Equal(Namespaces.CountryAuthority + "XKX", r.FindCountry("XK")!.Value);
        Assert.Null(r.FindCountry("ZZ"));
        Assert.Null(r.FindCountry(Namespaces.CountryAuthority + "ZZZ"));
    }

    [Fact]
    public void NutsRegionsAreFoundInAddresses()
    {
        var nuts = VocabTestData.Reference.Nuts;
        Assert.Equal("PL711", Code(nuts.Match("PL", "Tymienieckiego 22G, 90-349 Lodz, Poland")));
        Assert.Equal("ES419", Code(nuts.Match("ES", "Plaza viriato s/n, 49071 Zamora Zamora, Spain")));
        Assert.Equal("DE300", Code(nuts.Match("DE", "Ai campus berlin, max-urich-straße 3, 13355 Berlin, Germany")));
        Assert.Null(nuts.Match("FR", "Ai campus berlin, 13355 Berlin, Germany")); // only within the hub's country
        Assert.Null(nuts.Match("DE", "Nowhere street 1"));
        Assert.True(nuts.RegionCount > 1100);
    }

    private static string? Code(NutsRegion? r) => r?.Iri.Value[(r.Iri.Value.LastIndexOf('/') + 1)..];
}
