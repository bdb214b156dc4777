using DihNode.Node.Tests.Catalog;
using DihNode.Node.Tests.Shapes;
using DihNode.Node.Tests.Vocab;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode validate</c> and <c>dihnode catalog</c>, run in-process.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private const string Shapes = """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Hub ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
        """;

    [Fact]
    public void ExitsZeroWhenTheDataConforms()
    {
        string data = _host.File("ok.ttl", "<http://example.org/h> a <http://example.org/Hub> ; <http://example.org/name> \"H\" .");
        Assert.Equal(0, _host.Run("validate", data, "--shapes", _host.File("shapes.ttl", Shapes)));
        Assert.Equal("Conforms: 0 results\n", _host.Out);
        Assert.Contains("2 data statements", _host.Error);
    }

    [Fact]
    public void ExitsOneWithTheResultsAsTextOrTurtle()
    {
        string a = _host.File("a.ttl", "<http://example.org/a> a <http://example.org/Hub> .");
        string b = _host.File("b.nt", "<http://example.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Hub> .\n");
        string shapes = _host.File("shapes.ttl", Shapes);
        Assert.Equal(1, _host.Run("validate", a, b, "--shapes", shapes));
        Assert.StartsWith("Does not conform: 2 results\n", _host.Out);
        Assert.Contains("Violation <http://example.org/b> path <http://example.org/name> MinCountConstraintComponent", _host.Out);

        Assert.Equal(1, _host.Run("validate", a, "--shapes", shapes, "--format", "ttl"));
        string report = _host.File("report.ttl", _host.Out);
        var quads = CliTestHost.ReadQuads(report);
        Assert.Contains(quads, q => q.Predicate.Value == "http://www.w3.org/ns/shacl#conforms" && ((Literal)q.Object).LexicalForm == "false");
        Assert.Single(ShaclTestKit.Keys(quads), "http://example.org/a | http://example.org/name | MinCountConstraintComponent");
    }

    [Fact]
    public void TakesSeveralShapesFilesAndTheBuiltInProfileShapes()
    {
        string data = _host.File("hubs.ttl", DihShapesTests.BrokenHubs);
        string extra = _host.File("extra.ttl", """
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            <http://example.org/S> sh:targetNode <https://dih.example.org/hub/test/good> ; sh:property [ sh:path <http://example.org/x> ; sh:minCount 1 ] .
            """);
        Assert.Equal(1, _host.Run("validate", data, "--shapes", "dih", extra));
        Assert.StartsWith("Does not conform: 12 results\n", _host.Out);
        Assert.Contains("Violation <https://dih.example.org/hub/test/good> path <http://example.org/x>", _host.Out);
    }

    [Fact]
    public void UnusableInputExitsTwoNamingThePlace()
    {
        string shapes = _host.File("shapes.ttl", Shapes);
        string bad = _host.File("bad.ttl", "<http://example.org/a> a <http://example.org/Hub> .\n<http://example.org/b> <http://example.org/p> \"open .\n");
        Assert.Equal(2, _host.Run("validate", bad, "--shapes", shapes));
        Assert.Matches(@"bad\.ttl:2:\d+: ", _host.Error);

        Assert.Equal(2, _host.Run("validate", _host.PathOf("absent.ttl"), "--shapes", shapes));
        Assert.Contains("no such file", _host.Error);
        Assert.Equal(2, _host.Run("validate", bad));
        Assert.Contains("--shapes SHAPES... is required", _host.Error);
        Assert.Equal(2, _host.Run("validate", bad, "--shapes", shapes, "--format", "json"));
        Assert.Equal(2, _host.Run("validate", bad, "--shapes"));
        Assert.Contains("option --shapes needs a value", _host.Error);

        string illFormed = _host.File("ill.ttl", "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://example.org/S> sh:targetNode <http://example.org/a> ; sh:minCount 1 ; sh:path \"p\" .\n");
        Assert.Equal(2, _host.Run("validate", _host.File("ok.ttl", "<http://example.org/a> <http://example.org/p> 1 ."), "--shapes", illFormed));
        Assert.Contains("the shapes cannot be used", _host.Error);
    }

    [Fact]
    public void CatalogWritesTheDcatApCatalogueOfAStore()
    {
        string db = _host.PathOf("hubs.db");
        Assert.Equal(0, _host.Run("import", "--db", db, "--reference", VocabTestData.DataDirectory, "--format", "edih2025",
            Path.Combine(VocabTestData.DataDirectory, "dih", "edih-catalogue-2025.csv")));

        Assert.Equal(0, _host.Run("catalog", "--db", db, _host.PathOf("catalog.ttl"), "--title", "Hubs of Europe"));
        Assert.Contains("1 datasets (457 hubs)", _host.Error);
        var quads = CliTestHost.ReadQuads(_host.PathOf("catalog.ttl"));
        Assert.Contains(quads, q => q.Subject is Iri { Value: "https://dih.example.org/catalog" } && q.Object is Literal { LexicalForm: "Hubs of Europe" });
        Assert.True(Rdf.Shacl.ShaclValidator.Validate(quads, DcatApShapes.Quads).Conforms);
        Assert.StartsWith("@prefix dcat: <http://www.w3.org/ns/dcat#> .", File.ReadAllText(_host.PathOf("catalog.ttl")));

        Assert.Equal(0, _host.Run("catalog", "--db", db, _host.PathOf("catalog.jsonld"), "--base-iri", "https://hubs.example.eu"));
        Assert.Contains("0 datasets", _host.Error);
        Assert.Contains(CliTestHost.ReadQuads(_host.PathOf("catalog.jsonld")), q => q.Subject is Iri { Value: "https://hubs.example.eu/catalog" });

        Assert.Equal(0, _host.Run("validate", _host.PathOf("catalog.ttl"), "--shapes", DcatApShapes.WriteFile(_host.Directory)));
        Assert.Equal("Conforms: 0 results\n", _host.Out);
    }

    [Fact]
    public void CatalogNeedsAnExistingStore()
    {
        Assert.Equal(2, _host.Run("catalog", "--db", _host.PathOf("none.db"), _host.PathOf("c.ttl")));
        Assert.Contains("no such store", _host.Error);
        Assert.False(File.Exists(_host.PathOf("none.db")));
        Assert.Equal(2, _host.Run("catalog", "--db", _host.PathOf("none.db"), _host.PathOf("c.txt")));
        Assert.Equal(2, _host.Run("catalog", _host.PathOf("c.ttl")));
    }
}
