using System.Globalization;
using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode convert</c> to and from RDF/XML (.rdf).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConvertRdfXmlTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void ConvertsTurtleToRdfXmlAndBack()
    {
        string input = _host.File("in.ttl", """
            @prefix ex: <http://example.org/> .
            ex:s a ex:C ;
                ex:p "x", "y"@en ;
                ex:q [ ex:r 1 ] .
            """);
        string rdf = _host.PathOf("out.rdf");
        Assert.Equal(0, _host.Run("convert", input, rdf));
        Assert.Equal("5 triples\n", _host.Error);
        string xml = File.ReadAllText(rdf);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF xmlns:rdf=", xml);
        Assert.Contains("<ex:C rdf:about=\"http://example.org/s\">", xml);
        Assert.Contains("<ex:p xml:lang=\"en\">y</ex:p>", xml);

        string ttl = _host.PathOf("back.ttl");
        Assert.Equal(0, _host.Run("convert", rdf, ttl));
        Assert.Equal("5 triples\n", _host.Error);
        // The namespace declarations of the RDF/XML document come back as Turtle prefixes.
        Assert.Contains("@prefix ex: <http://example.org/> .", File.ReadAllText(ttl));
        Assert.True(Isomorphism.AreIsomorphic(CliTestHost.ReadQuads(input), CliTestHost.ReadQuads(ttl)));
    }

    [Fact]
    public void RdfXmlErrorsNameFileLineAndColumn()
    {
        string input = _host.File("bad.rdf", """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="x" rdf:nodeID="y"/>
            </rdf:RDF>
            """);
        Assert.Equal(1, _host.Run("convert", input, _host.PathOf("out.nt")));
        Assert.Matches(@"bad\.rdf:2:\d+: a node element takes at most one of", _host.Error);
        Assert.False(File.Exists(_host.PathOf("out.nt")));
    }

    [Fact]
    public void ConvertRefusesWhatRdfXmlCannotWrite()
    {
        string input = _host.File("in.nt", "<http://a/s> <http://a/p/> <http://a/o> .\n");
        Assert.Equal(1, _host.Run("convert", input, _host.PathOf("out.rdf")));
        Assert.Contains("RDF/XML cannot write the predicate <http://a/p/>", _host.Error);
        Assert.False(File.Exists(_host.PathOf("out.rdf")));
        Assert.Empty(Directory.GetFiles(_host.Directory, "*.tmp"));
    }

    [Fact]
    public void ExampleHubsRoundTripThroughRdfXml()
    {
        string hubs = Path.Combine(CliTestHost.SharedRoot(), "tools", "examples", "hubs.ttl");
        AssertTurtleRdfXmlNTriplesRoundTrip(hubs);
    }

    [Fact]
    public void CatalogueRoundTripsThroughRdfXml()
    {
        string catalogue = _host.File("catalogue.ttl", Catalogue(orgs: 300, seed: 7));
        AssertTurtleRdfXmlNTriplesRoundTrip(catalogue);
    }

    /// <summary>Turtle -> RDF/XML -> N-Triples with the CLI; the N-Triples must be isomorphic to the Turtle.</summary>
    private void AssertTurtleRdfXmlNTriplesRoundTrip(string turtle)
    {
        string rdf = _host.PathOf(Path.GetFileNameWithoutExtension(turtle) + ".rdf");
        string nt = _host.PathOf(Path.GetFileNameWithoutExtension(turtle) + ".nt");
        Assert.Equal(0, _host.Run("convert", turtle, rdf));
        Assert.Equal(0, _host.Run("convert", rdf, nt));
        var expected = CliTestHost.ReadQuads(turtle);
        var actual = CliTestHost.ReadQuads(nt);
        Assert.True(expected.Count > 20);
        string? difference = Isomorphism.DescribeDifference(expected, actual);
        Assert.True(difference is null, difference);
    }

    /// <summary>
    /// A catalogue shaped like the benchmark's (bench gen_catalogue.py): organisations with types,
    /// language-tagged names, a country, subject tags, an address blank node, a homepage and a
    /// founding date, plus a SKOS concept scheme of the tags.
    /// </summary>
    private static string Catalogue(int orgs, int seed)
    {
        var random = new Random(seed);
        string[] countries = ["AUT", "BEL", "DEU", "ESP", "FRA", "ITA", "NLD", "POL"];
        string[] tags = ["ai", "robotics", "cybersecurity", "open-data", "education", "health"];
        string[] langs = ["en", "fr", "de", "es"];
        string[] cities = ["Brno", "Gent", "Riga", "Lyon", "Graz"];
        var sb = new StringBuilder("""
            @prefix dih: <https://dih.example.org/ns#> .
            @prefix org: <http://www.w3.org/ns/org#> .
            @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix country: <http://publications.europa.eu/resource/authority/country/> .
            @prefix tag: <https://dih.example.org/tag/> .

            """);
        sb.Append("<https://dih.example.org/scheme> a skos:ConceptScheme .\n");
        foreach (string t in tags)
            sb.Append(CultureInfo.InvariantCulture, $"tag:{t} a skos:Concept ; skos:prefLabel \"{t}\"@en ; skos:inScheme <https://dih.example.org/scheme> ; skos:broader tag:sectors .\n");
        foreach (string c in countries)
            sb.Append(CultureInfo.InvariantCulture, $"country:{c} a dct:Location ; skos:notation \"{c}\" .\n");
        for (int i = 1; i <= orgs; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<https://dih.example.org/org/{i}> a org:Organization");
            if (random.Next(10) < 3) sb.Append(", dih:DigitalInnovationHub");
            sb.Append(CultureInfo.InvariantCulture, $" ;\n  foaf:name \"Hub \\\"{i}\\\" & <co>\"@{langs[random.Next(langs.Length)]} ;\n");
            sb.Append(CultureInfo.InvariantCulture, $"  dct:spatial country:{countries[random.Next(countries.Length)]} ;\n");
            for (int k = random.Next(1, 4); k > 0; k--) sb.Append(CultureInfo.InvariantCulture, $"  dct:subject tag:{tags[random.Next(tags.Length)]} ;\n");
            sb.Append(CultureInfo.InvariantCulture, $"  vcard:hasAddress [ a vcard:Address ; vcard:locality \"{cities[random.Next(cities.Length)]}\" ; vcard:postal-code \"{random.Next(10000, 99999)}\" ] ;\n");
            if (random.Next(10) < 9) sb.Append(CultureInfo.InvariantCulture, $"  foaf:homepage <https://org{i}.example.eu/> ;\n");
            sb.Append(CultureInfo.InvariantCulture, $"  dct:issued \"{1990 + random.Next(30)}-0{1 + random.Next(9)}-1{random.Next(10)}\"^^xsd:date .\n");
        }
        return sb.ToString();
    }
}
