using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>The HTTP loader against a server on 127.0.0.1 (never the network).</summary>
public sealed class HttpDocumentLoaderTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _base;

    public HttpDocumentLoaderTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _base = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_base);
        _listener.Start();
        _ = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }
            var response = context.Response;
            string path = context.Request.Url!.AbsolutePath;
            string body = "";
            switch (path)
            {
                case "/data.json":
                    response.ContentType = "application/json";
                    response.AddHeader("Link", "<ctx.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"");
                    body = """{"name": "x"}""";
                    break;
                case "/ctx.jsonld":
                    response.ContentType = "application/ld+json";
                    body = """{"@context": {"name": "http://schema.org/name"}}""";
                    break;
                case "/moved":
                    response.StatusCode = 301;
                    response.RedirectLocation = "/data.json";
                    break;
                case "/away":
                    response.StatusCode = 302;
                    response.RedirectLocation = "http://elsewhere.example/x";
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }

    public void Dispose() => _listener.Close();

    private JsonLdOptions Options() => new() { DocumentLoader = DocumentLoaders.Http(["127.0.0.1"]) };

    [Fact]
    public void Plain_json_with_a_context_link_is_expanded()
    {
        var expanded = JsonLdProcessor.Expand(_base + "data.json", Options());
        Assert.Equal("""[{"http://schema.org/name":[{"@value":"x"}]}]""", expanded.ToJsonString());
    }

    [Fact]
    public void Redirects_are_followed_and_give_the_document_url()
    {
        var document = DocumentLoaders.Http(["127.0.0.1"]).Load(_base + "moved", LoadDocumentOptions.Default);
        Assert.Equal(_base + "data.json", document.DocumentUrl);
        Assert.Equal(_base + "ctx.jsonld", document.ContextUrl);
    }

    [Fact]
    public void Redirects_to_hosts_off_the_list_are_refused()
    {
        var e = Assert.Throws<JsonLdException>(() => DocumentLoaders.Http(["127.0.0.1"]).Load(_base + "away", LoadDocumentOptions.Default));
        Assert.Contains("allow-list", e.Message);
    }

    [Fact]
    public void Missing_documents_fail_to_load()
    {
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(_base + "missing", Options()));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        Assert.Contains("404", e.Message);
    }

    [Fact]
    public void Remote_contexts_load_through_the_allow_list()
    {
        var doc = JsonNode.Parse($$"""{"@context": "{{_base}}ctx.jsonld", "name": "y"}""");
        Assert.Equal("""[{"http://schema.org/name":[{"@value":"y"}]}]""", JsonLdProcessor.Expand(doc, Options()).ToJsonString());
    }
}
