using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Loading;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.JsonLd.JsonLdTestSupport;

namespace DihNode.Rdf.Tests.Io.JsonLd;

public class JsonLdProcessorTests
{
    [Fact]
    public void Expands_terms_types_and_language()
    {
        string expanded = Expand("""
            {"@context": {"@vocab": "http://schema.org/", "@language": "en", "knows": {"@type": "@id"}},
             "@id": "http://example.org/a", "@type": "Person", "name": "Ann", "knows": "b"}
            """, new JsonLdOptions { Base = "http://example.org/" });
        var expected = System.Text.Json.Nodes.JsonNode.Parse(
            """[{"@id":"http://example.org/a","@type":["http://schema.org/Person"],"http://schema.org/name":[{"@value":"Ann","@language":"en"}],"http://schema.org/knows":[{"@id":"http://example.org/b"}]}]""");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, System.Text.Json.Nodes.JsonNode.Parse(expanded)), expanded);
    }

    [Fact]
    public void Numbers_become_canonical_literals()
    {
        var quads = ToRdf("""{"@id": "http://e/s", "http://e/p": [1.1, 5, 1e21, true, 10.0, -0.000001]}""");
        var objects = quads.Select(q => q.Object).OfType<Literal>().Select(l => l.LexicalForm + "^" + l.Datatype.Value[(l.Datatype.Value.IndexOf('#') + 1)..]).Order().ToList();
        Assert.Equal(["-1.0E-6^double", "1.0E21^double", "1.1E0^double", "10^integer", "5^integer", "true^boolean"], objects);
    }

    [Fact]
    public void Json_literals_are_canonicalised()
    {
        var quads = ToRdf("""{"@context": {"j": {"@id": "http://e/j", "@type": "@json"}}, "@id": "http://e/s", "j": {"b": 1.0, "a": ["x\u0001", 1e3, {"d": null, "c": false}]}}""");
        var literal = Assert.IsType<Literal>(Assert.Single(quads).Object);
        Assert.Equal("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON", literal.Datatype.Value);
        Assert.Equal("""{"a":["x\u0001",1000,{"c":false,"d":null}],"b":1}""", literal.LexicalForm);
    }

    [Fact]
    public void Rdf_direction_i18n_datatype()
    {
        var quads = ToRdf("""{"@id": "http://e/s", "http://e/p": {"@value": "abc", "@language": "en-US", "@direction": "rtl"}}""",
            new JsonLdOptions { RdfDirection = "i18n-datatype" });
        var literal = Assert.IsType<Literal>(Assert.Single(quads).Object);
        Assert.Equal("https://www.w3.org/ns/i18n#en-us_rtl", literal.Datatype.Value);
    }

    [Fact]
    public void Lists_become_rdf_collections()
    {
        var quads = ToRdf("""{"@id": "http://e/s", "http://e/p": {"@list": ["a", "b"]}}""");
        Assert.Equal(5, quads.Count);
        Assert.Equal(2, quads.Count(q => q.Predicate.Equals(Vocabulary.Rdf.First)));
        Assert.Contains(quads, q => q.Predicate.Equals(Vocabulary.Rdf.Rest) && q.Object.Equals(Vocabulary.Rdf.Nil));
    }

    [Fact]
    public void Remote_contexts_fail_without_a_loader()
    {
        var e = ExpandError("""{"@context": "https://schema.org/", "name": "x"}""");
        Assert.Equal(JsonLdErrorCode.LoadingRemoteContextFailed, e.Code);
        Assert.Equal("loading remote context failed", e.CodeText);
    }

    [Fact]
    public void Remote_contexts_come_from_the_local_cache()
    {
        var loader = DocumentLoaders.FromDictionary(new Dictionary<string, string>
        {
            ["https://example.org/ctx"] = """{"@context": {"name": "http://schema.org/name"}}""",
        });
        string expanded = Expand("""{"@context": "https://example.org/ctx", "name": "x"}""", new JsonLdOptions { DocumentLoader = loader });
        Assert.Equal("""[{"http://schema.org/name":[{"@value":"x"}]}]""", expanded);
    }

    [Fact]
    public void Cyclic_remote_contexts_overflow()
    {
        var loader = DocumentLoaders.FromDictionary(new Dictionary<string, string>
        {
            ["https://example.org/a"] = """{"@context": "https://example.org/b"}""",
            ["https://example.org/b"] = """{"@context": "https://example.org/a"}""",
        });
        var e = ExpandError("""{"@context": "https://example.org/a", "http://e/p": "x"}""", new JsonLdOptions { DocumentLoader = loader });
        Assert.Equal(JsonLdErrorCode.ContextOverflow, e.Code);
    }

    [Fact]
    public void Http_loader_refuses_hosts_not_on_the_allow_list()
    {
        var loader = DocumentLoaders.Http(["example.org"]);
        var e = Assert.Throws<JsonLdException>(() => loader.Load("https://evil.example.com/ctx", LoadDocumentOptions.Context));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        Assert.Contains("allow-list", e.Message);
    }

    [Theory]
    [InlineData("""{"@context": {"@protected": true, "a": "http://e/a"}, "@graph": [{"@context": {"a": "http://e/other"}, "a": 1}]}""", JsonLdErrorCode.ProtectedTermRedefinition)]
    [InlineData("""{"@context": {"a": {"@id": "b:x"}, "b": {"@id": "a:y"}}}""", JsonLdErrorCode.CyclicIriMapping)]
    [InlineData("""{"@context": {"a": {"@id": "http://e/a", "@container": "@bogus"}}}""", JsonLdErrorCode.InvalidContainerMapping)]
    [InlineData("""{"@context": {"@id": "http://e/a"}}""", JsonLdErrorCode.KeywordRedefinition)]
    [InlineData("""{"@context": 5}""", JsonLdErrorCode.InvalidLocalContext)]
    [InlineData("""{"@id": 5}""", JsonLdErrorCode.InvalidIdValue)]
    [InlineData("""{"http://e/p": {"@value": "x", "@language": 5}}""", JsonLdErrorCode.InvalidLanguageTaggedString)]
    [InlineData("""{"@context": {"a": {"@id": "http://e/a", "@unknown": 1}}}""", JsonLdErrorCode.InvalidTermDefinition)]
    public void Errors_carry_the_spec_code(string json, JsonLdErrorCode code) =>
        Assert.Equal(code, ExpandError(json).Code);
}
