using System.Text;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Rdf.Tests.Io.JsonLd;

public class RemoteDocumentTests
{
    private static LoadedResponse Respond(string contentType, string body, params string[] links) =>
        RemoteDocuments.FromResponse("https://example.org/doc", 200, contentType, Encoding.UTF8.GetBytes(body), links, LoadDocumentOptions.Default);

    [Fact]
    public void Plain_json_takes_its_context_from_the_link_header()
    {
        var r = Respond("application/json", "{}", "<ctx.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"");
        Assert.Equal("https://example.org/ctx.jsonld", r.Document!.ContextUrl);
    }

    [Fact]
    public void Two_context_links_are_an_error()
    {
        var e = Assert.Throws<JsonLdException>(() => Respond("application/json", "{}",
            "<a>; rel=\"http://www.w3.org/ns/json-ld#context\", <b>; rel=\"http://www.w3.org/ns/json-ld#context\""));
        Assert.Equal(JsonLdErrorCode.MultipleContextLinkHeaders, e.Code);
    }

    [Fact]
    public void Other_types_follow_an_alternate_link_or_fail()
    {
        var r = Respond("text/plain", "x", "<alt.jsonld>; rel=\"alternate\"; type=\"application/ld+json\"");
        Assert.Equal("https://example.org/alt.jsonld", r.AlternateUrl);
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, Assert.Throws<JsonLdException>(() => Respond("text/plain", "x")).Code);
    }

    [Fact]
    public void Html_yields_the_first_json_ld_script()
    {
        const string html = """
            <html><head><base href="/base/"><script type="text/javascript">var x = "<script>";</script>
            <script id="one" type="application/ld+json; profile=x">{"@id": "a"}</script>
            <script type="application/ld+json">{"@id": "b"}</script></head></html>
            """;
        var r = Respond("text/html", html);
        Assert.Equal("""{"@id":"a"}""", r.Document!.Document!.ToJsonString());
        Assert.Equal("/base/", r.Document.HtmlBase);
    }

    [Fact]
    public void Html_script_that_is_not_json_is_an_invalid_script_element()
    {
        var e = Assert.Throws<JsonLdException>(() => Respond("text/html", """<script type="application/ld+json">{"a": </script>"""));
        Assert.Equal(JsonLdErrorCode.InvalidScriptElement, e.Code);
    }

    [Fact]
    public void Extract_all_scripts_concatenates_arrays()
    {
        const string html = """<script type="application/ld+json">[{"@id": "a"}, {"@id": "b"}]</script><script type="application/ld+json">{"@id": "c"}</script>""";
        var r = RemoteDocuments.FromResponse("https://example.org/doc", 200, "text/html", Encoding.UTF8.GetBytes(html), [],
            new LoadDocumentOptions { ExtractAllScripts = true });
        Assert.Equal(3, Assert.IsType<JsonArray>(r.Document!.Document).Count);
    }
}
