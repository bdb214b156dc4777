using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DihNode.Conformance.Running;

/// <summary>
/// A fresh, empty node (registry and RDF store in a temporary folder, no hubs) served by the real host
/// (<see cref="NodeServer"/>) on 127.0.0.1 with a free port, for one HTTP test. Graphs a test needs are
/// loaded into its store before the first request. Disposing stops the server and deletes the folder.
/// </summary>
internal sealed class TestNode : IDisposable
{
    public const string ApiKey = "conformance-key-0123456789";

    private readonly string _folder;
    private readonly NodeStore _store;
    private readonly WebApplication _app;

    public TestNode()
    {
        _folder = Directory.CreateTempSubdirectory("dihnode-conformance-").FullName;
        _store = NodeStore.Open(Path.Combine(_folder, "node.db"));
        var options = new NodeOptions { Database = Path.Combine(_folder, "node.db"), Urls = "http://127.0.0.1:0", ApiKey = ApiKey };
        _app = NodeServer.Build(options, _store, b => b.Logging.SetMinimumLevel(LogLevel.Critical));
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Urls.First().TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that sends the write key with every request.</summary>
    public HttpClient Client { get; }

    /// <summary>Loads an RDF file into the named graph <paramref name="graph"/> (null: the default graph).</summary>
    public void Load(string path, RdfFormat format, Iri? graph, string baseIri)
    {
        using var tx = _store.Rdf.BeginWrite();
        using var input = File.OpenRead(path);
        tx.Load(sink => RdfParser.Parse(input, format, new IntoGraph(sink, graph), new RdfParserOptions { BaseIri = baseIri }));
        tx.Commit();
    }

    public void Dispose()
    {
        Client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IAsyncDisposable)_app).DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class IntoGraph(IQuadSink inner, Iri? graph) : IQuadSink
    {
        public void Add(in Quad quad) => inner.Add(quad with { Graph = graph });
    }
}
