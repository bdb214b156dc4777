using System.Net;
using System.Text;
using DihNode.Rdf.Sparql.Update;
using static DihNode.Rdf.Tests.Sparql.Update.UpdateTestStore;

namespace DihNode.Rdf.Tests.Sparql.Update;

/// <summary>LOAD (Update §3.1.4): only from allowed folders and allow-listed URLs; SILENT.</summary>
public sealed class LoadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dihnode-load-").FullName;
    private readonly string _allowed;
    private readonly string _outside;

    public LoadTests()
    {
        _allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        File.WriteAllText(Path.Combine(_allowed, "data.ttl"), "@prefix : <http://example.org/> . :a :p 1 . :a :q [ :r 2 ] .");
        File.WriteAllText(Path.Combine(_allowed, "bad.ttl"), "@prefix : <http://example.org/> . :a :p 1 . :a :q");
        File.WriteAllText(Path.Combine(_outside, "secret.ttl"), "@prefix : <http://example.org/> . :secret :p 1 .");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private UpdateOptions Options => new() { LoadDirectories = [_allowed] };

    private static string FileIri(string path) => new Uri(path).AbsoluteUri;

    [Fact]
    public void LoadsAnAllowedFileIntoTheDefaultGraphOrAGraph()
    {
        var store = With("");
        string iri = FileIri(Path.Combine(_allowed, "data.ttl"));
        Run(store, $"LOAD <{iri}>", Options);
        Assert.Equal([":a :p 1", ":a :q _", "_ :r 2"], Dump(store));
        Run(store, $"LOAD <{iri}> INTO GRAPH :g", Options);
        Assert.Equal([":a :p 1", ":a :p 1 :g", ":a :q _", ":a :q _ :g", "_ :r 2", "_ :r 2 :g"], Dump(store));
        // Each LOAD makes new blank nodes.
        Assert.Equal(2, store.Quads().Select(q => q.Subject).OfType<DihNode.Rdf.Model.BlankNode>().Distinct().Count());
    }

    [Fact]
    public void RefusesFilesOutsideTheAllowedFolders()
    {
        var store = With("");
        foreach (string path in new[] { Path.Combine(_outside, "secret.ttl"), Path.Combine(_allowed, "..", "outside", "secret.ttl") })
        {
            var e = Assert.Throws<UpdateExecutionException>(() => Run(store, $"LOAD <{FileIri(path)}>", Options));
            Assert.Contains("refused", e.Message);
        }
        // Nothing is open by default.
        Assert.Contains("refused", Assert.Throws<UpdateExecutionException>(() =>
            Run(store, $"LOAD <{FileIri(Path.Combine(_allowed, "data.ttl"))}>")).Message);
        Assert.Empty(Dump(store));
    }

    [Fact]
    public void RefusesSymbolicLinksLeadingOutside()
    {
        string link = Path.Combine(_allowed, "link.ttl");
        try
        {
            File.CreateSymbolicLink(link, Path.Combine(_outside, "secret.ttl"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return; // no symbolic links here
        }
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "door"), _outside);
        var store = With("");
        Assert.Throws<UpdateExecutionException>(() => Run(store, $"LOAD <{FileIri(link)}>", Options));
        Assert.Throws<UpdateExecutionException>(() => Run(store, $"LOAD <{FileIri(Path.Combine(_allowed, "door", "secret.ttl"))}>", Options));
        Assert.Empty(Dump(store));
        // A link that stays inside is fine.
        File.CreateSymbolicLink(Path.Combine(_allowed, "alias.ttl"), Path.Combine(_allowed, "data.ttl"));
        Run(store, $"LOAD <{FileIri(Path.Combine(_allowed, "alias.ttl"))}>", Options);
        Assert.Contains(":a :p 1", Dump(store));
    }

    [Fact]
    public void RefusesUrlsOffTheAllowListWithoutFetching()
    {
        var handler = new StubHandler();
        var options = new UpdateOptions { LoadUrls = ["http://data.example.org/open/", "http://other.example.org/one.ttl"], HttpClient = new HttpClient(handler) };
        var store = With("");
        foreach (string iri in new[] { "http://data.example.org/closed/x.ttl", "http://other.example.org/one.ttl.bak", "somescheme://x/y", "ftp://data.example.org/open/x.ttl" })
            Assert.Contains("refused", Assert.Throws<UpdateExecutionException>(() => Run(store, $"LOAD <{iri}>", options)).Message);
        Assert.Empty(handler.Requests);

        Run(store, "LOAD <http://data.example.org/open/x.ttl> ; LOAD <http://other.example.org/one.ttl> INTO GRAPH :g", options);
        Assert.Equal(["http://data.example.org/open/x.ttl", "http://other.example.org/one.ttl"], handler.Requests);
        Assert.Equal([":a :p 1", ":a :p 1 :g"], Dump(store));
    }

    [Fact]
    public void DoesNotFollowRedirects()
    {
        var handler = new StubHandler();
        var options = new UpdateOptions { LoadUrls = ["http://data.example.org/"], HttpClient = new HttpClient(handler) };
        var store = With("");
        var e = Assert.Throws<UpdateExecutionException>(() => Run(store, "LOAD <http://data.example.org/moved>", options));
        Assert.Contains("redirected to <http://internal.example/>", e.Message);
        Assert.Equal(["http://data.example.org/moved"], handler.Requests);
    }

    [Fact]
    public void UrlAllowListMatchesWholeIrisOrFolders()
    {
        Assert.True(LoadSources.UrlAllowed("http://x.org/a/b", ["http://x.org/a/"]));
        Assert.False(LoadSources.UrlAllowed("http://x.org/ab", ["http://x.org/a"]));
        Assert.True(LoadSources.UrlAllowed("http://x.org/a", ["http://x.org/a"]));
        Assert.False(LoadSources.UrlAllowed("http://x.org/a", []));
    }

    [Fact]
    public void SilentTurnsRefusalsAndBadDocumentsIntoNoOps()
    {
        var store = With(":keep :p 1");
        string bad = FileIri(Path.Combine(_allowed, "bad.ttl"));
        var e = Assert.Throws<UpdateExecutionException>(() => Run(store, $"LOAD <{bad}>", Options));
        Assert.Contains("bad.ttl", e.Message);
        Run(store, $"LOAD SILENT <{bad}> ; LOAD SILENT <{FileIri(Path.Combine(_outside, "secret.ttl"))}> INTO GRAPH :g ; "
            + "LOAD SILENT <somescheme://www.example.com/nothing> ; LOAD SILENT <" + FileIri(Path.Combine(_allowed, "none.ttl")) + ">", Options);
        Assert.Equal([":keep :p 1"], Dump(store));
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.AbsoluteUri);
            if (request.RequestUri.AbsolutePath.EndsWith("/moved", StringComparison.Ordinal))
                return new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://internal.example/") } };
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<http://example.org/a> <http://example.org/p> \"1\" .", Encoding.UTF8, "application/n-triples"),
            };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
