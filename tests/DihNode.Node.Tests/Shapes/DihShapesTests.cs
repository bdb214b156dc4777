using System.Diagnostics;
using DihNode.Node.Tests.Cli;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;
using DihNode.Rdf.Store;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Shapes;
using static DihNode.Node.Tests.Vocab.VocabTestData;

namespace DihNode.Node.Tests.Shapes;

/// <summary>The DIH profile's SHACL shapes (vocab/Shapes/dih-shapes.ttl) on the real imports and on a broken hub.</summary>
public sealed class DihShapesTests
{
    private const string Dih = "https://w3id.org/dihnode/ns#";
    private const string Hub = "https://dih.example.org/hub/test/";

    /// <summary>A good hub and a hub that breaks most rules, with just enough reference data to check them.</summary>
    internal const string BrokenHubs = """
        @prefix dih:  <https://w3id.org/dihnode/ns#> .
        @prefix org:  <http://www.w3.org/ns/org#> .
        @prefix dct:  <http://purl.org/dc/terms/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix country: <http://publications.europa.eu/resource/authority/country/> .
        @prefix hub:  <https://dih.example.org/hub/test/> .
        @prefix c:    <https://dih.example.org/concept/> .
        @prefix s:    <https://dih.example.org/scheme/> .

        s:hub-type a skos:ConceptScheme ; skos:prefLabel "DIH hub types"@en .
        s:sector a skos:ConceptScheme ; skos:prefLabel "sectors"@en .
        <http://publications.europa.eu/resource/authority/country> a skos:ConceptScheme ; skos:prefLabel "Countries"@en .
        country:POL a skos:Concept ; skos:prefLabel "Poland"@en ; skos:inScheme <http://publications.europa.eu/resource/authority/country> .
        country:DEU a skos:Concept ; skos:prefLabel "Germany"@en ; skos:inScheme <http://publications.europa.eu/resource/authority/country> .
        c:hub-type\/edih a skos:Concept ; skos:prefLabel "EDIH"@en ; skos:inScheme s:hub-type .
        c:sector\/textiles a skos:Concept ; skos:prefLabel "Textiles"@en ; skos:inScheme s:sector .
        <https://dih.example.org/source/test> a dcat:Dataset ; dct:title "Test"@en .

        hub:good a org:Organization, dih:Hub ;
            skos:prefLabel "Good" ; org:classification c:hub-type\/edih ; dct:spatial country:POL ;
            foaf:homepage <https://good.example.org/> ; dct:source <https://dih.example.org/source/test> ;
            dih:sourceRecord "1" ; dct:identifier "test/good" ;
            dih:involvement hub:good\/involvement\/sector\/textiles .
        hub:good\/involvement\/sector\/textiles a dih:Involvement ; dih:topic c:sector\/textiles ; dih:level 5 .

        hub:bad a org:Organization, dih:Hub ;
            org:classification c:sector\/textiles ;
            dct:spatial country:POL, country:DEU ;
            foaf:homepage <ftp://files.example.org/> ;
            dct:source <https://dih.example.org/source/test> ;
            dih:sourceRecord "2" ; dct:identifier "test/bad" ;
            dih:involvement hub:bad\/i1, hub:bad\/i2 .
        hub:bad\/i1 a dih:Involvement ; dih:topic c:sector\/textiles ; dih:level 7 .
        hub:bad\/i2 a dih:Involvement ; dih:topic c:sector\/textiles, c:hub-type\/edih ; dih:level "3" .
        """;

    private static readonly string[] s_expected =
    [
        $"{Hub}bad | - | SPARQLConstraintComponent",
        $"{Hub}bad | http://purl.org/dc/terms/spatial | QualifiedMaxCountConstraintComponent",
        $"{Hub}bad | http://www.w3.org/2004/02/skos/core#prefLabel | MinCountConstraintComponent",
        $"{Hub}bad | http://www.w3.org/ns/org#classification | NodeConstraintComponent",
        $"{Hub}bad | http://xmlns.com/foaf/0.1/homepage | PatternConstraintComponent",
        $"{Hub}bad/i1 | {Dih}level | MaxInclusiveConstraintComponent",
        $"{Hub}bad/i2 | {Dih}level | DatatypeConstraintComponent",
        $"{Hub}bad/i2 | {Dih}level | MaxInclusiveConstraintComponent",
        $"{Hub}bad/i2 | {Dih}level | MinInclusiveConstraintComponent",
        $"{Hub}bad/i2 | {Dih}topic | MaxCountConstraintComponent",
        $"{Hub}bad/i2 | {Dih}topic | NodeConstraintComponent",
    ];

    internal static List<Quad> Parse(string turtle)
    {
        var quads = new List<Quad>();
        RdfParser.Parse(System.Text.Encoding.UTF8.GetBytes(turtle), RdfFormat.Turtle, new Sink(quads));
        return quads;
    }

    [Fact]
    public void TheRealImportsConform()
    {
        using var store = new MemoryDataset();
        HubImporter.Import(store, Path.Combine(DataDirectory, "dih", "edih-catalogue-2025.csv"), HubInputFormat.Edih2025, Reference, strict: true);
        HubImporter.Import(store, Path.Combine(DataDirectory, "dih", "jrc-dih-tool-legacy-2022.csv"), HubInputFormat.Jrc2022, Reference, strict: true);
        var clock = Stopwatch.StartNew();
        var report = ShaclValidator.Validate(store.Snapshot(), DihShapes.Load(Reference.Iris));
        Assert.True(report.Conforms, string.Join("\n", report.ToText().Split('\n').Take(20)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), clock.Elapsed.ToString());
    }

    [Fact]
    public void ABrokenHubGetsTheExpectedViolations()
    {
        var keys = ShaclTestKit.OurKeys(Parse(BrokenHubs), DihShapes.Load(Reference.Iris), out var report);
        Assert.Equal(s_expected, keys);
        Assert.Equal(11, report.Results.Count);
        Assert.DoesNotContain(report.Results, r => r.FocusNode is Iri i && i.Value.StartsWith(Hub + "good", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void JenaReportsTheSameViolationsOnTheBrokenHub()
    {
        Skip.If(ShaclTestKit.JenaMissing is not null, ShaclTestKit.JenaMissing);
        using var host = new CliTestHost();
        string data = host.File("hubs.ttl", BrokenHubs);
        string shapes = host.File("dih-shapes.ttl", DihShapes.Turtle());
        var (conforms, jena) = ShaclTestKit.JenaKeys(data, shapes);
        Assert.False(conforms);
        Assert.Equal(s_expected, jena);
    }

    [Fact]
    public void TheShapesFollowTheBaseIri()
    {
        var other = DihShapes.Load(new ProfileIris("https://hubs.example.eu/"));
        var objects = other.Select(q => q.Object).OfType<Iri>().Select(i => i.Value).ToList();
        Assert.Contains("https://hubs.example.eu/scheme/hub-type", objects);
        Assert.Contains("https://hubs.example.eu/scheme/sector-2022", objects);
        Assert.DoesNotContain(objects, o => o.StartsWith(ProfileIris.DefaultBase, StringComparison.Ordinal));

        // Data under the default base does not meet shapes for another base: its hub type is in another scheme.
        var keys = ShaclTestKit.OurKeys(Parse(BrokenHubs), other, out _);
        Assert.Contains($"{Hub}good | http://www.w3.org/ns/org#classification | NodeConstraintComponent", keys);
    }

    [Fact]
    public void TheEmbeddedShapesAreTheFileInTheRepository()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "vocab", "Shapes", "dih-shapes.ttl");
        Assert.True(File.Exists(file), file);
        Assert.Equal(File.ReadAllText(file).ReplaceLineEndings("\n"), DihShapes.Turtle().ReplaceLineEndings("\n"));
    }

    private sealed class Sink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
