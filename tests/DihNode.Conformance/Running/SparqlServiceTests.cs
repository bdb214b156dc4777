using System.Net;
using System.Net.Sockets;
using DihNode.Conformance.Manifests;
using DihNode.Federation;
using DihNode.Federation.Client;
using DihNode.Federation.Query;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DihNode.Conformance.Running;

/// <summary>
/// The W3C federated query tests (suite <c>sparql11-service</c>, <c>sparql11/service/</c>): every
/// <c>qt:serviceData</c> endpoint becomes a real node on 127.0.0.1 (web and gRPC ports) holding that
/// data in its default graph, linked to the harness and to the test's other endpoints with the endpoint
/// IRI as a SERVICE alias. The query runs in the harness with the node's own SERVICE handler
/// (<see cref="PeerServiceHandler"/>), so each SERVICE pattern travels as SPARQL text over the
/// federation's Query rpc, as between nodes; a nested SERVICE is answered by the endpoint node
/// through its own links. Any endpoint the test does not declare is refused before a request leaves.
/// </summary>
internal static class SparqlServiceTests
{
    private const string HarnessName = "harness";
    private const string Secret = "conformance-link-secret-0123";

    /// <summary>A query evaluation test of the federation suite: it has endpoints, or it sits in the service folder.</summary>
    public static bool Applies(TestEntry test) =>
        test.Action is not null && (test.Manifest.Graph.Objects(test.Action, Qt.ServiceData).Any()
            || test.Manifest.Path.Replace('\\', '/').EndsWith("/service/manifest.ttl", StringComparison.Ordinal));

    public static TestOutcome Run(TestEntry test)
    {
        List<(string Endpoint, string DataIri)> services;
        try
        {
            services = ServiceData(test);
        }
        catch (TestInputException e)
        {
            return TestOutcome.Fail(e.Message);
        }
        var nodes = new List<EndpointNode>();
        try
        {
            var links = services.Select((s, i) => new PeerLink($"endpoint{i + 1}", new Uri($"http://127.0.0.1:{FreePort()}"), Secret) { ServiceAliases = [s.Endpoint] }).ToList();
            var harness = new PeerLink(HarnessName, new Uri("http://127.0.0.1:1"), Secret);
            for (int i = 0; i < services.Count; i++)
            {
                var node = new EndpointNode(links[i], [harness, .. links.Where((_, j) => j != i)]);
                nodes.Add(node);
                node.Load(test.Manifest.Locator.PathOf(services[i].DataIri), services[i].DataIri);
            }
            var options = new FederationOptions { NodeName = HarnessName, Peers = links };
            using var directory = new PeerDirectory(options);
            var handler = new PeerServiceHandler(directory, options);
            if (SparqlEvaluationTests.Prepare(test, out var run, handler) is { } failure) return failure;
            return SparqlEvaluationTests.Compare(test, run.Query, run.Expected, run.Actual);
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private static List<(string, string)> ServiceData(TestEntry test)
    {
        var graph = test.Manifest.Graph;
        var list = new List<(string, string)>();
        foreach (var entry in graph.Objects(test.Action!, Qt.ServiceData))
        {
            if (graph.Object(entry, Qt.Endpoint) is not Iri endpoint) throw new TestInputException("qt:serviceData without a qt:endpoint IRI");
            if (graph.Object(entry, Qt.Data) is not Iri data) throw new TestInputException($"qt:serviceData for <{endpoint.Value}> without a qt:data IRI");
            list.Add((endpoint.Value, data.Value));
        }
        return list;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One test endpoint: a node with federation on, its data in the default graph.</summary>
    private sealed class EndpointNode : IDisposable
    {
        private readonly string _folder;
        private readonly NodeStore _store;
        private readonly WebApplication _app;

        public EndpointNode(PeerLink self, IReadOnlyList<PeerLink> peers)
        {
            _folder = Directory.CreateTempSubdirectory("dihnode-service-").FullName;
            string db = Path.Combine(_folder, "node.db");
            _store = NodeStore.Open(db);
            var options = new NodeOptions
            {
                Database = db,
                Urls = $"http://127.0.0.1:{FreePort()}",
                GrpcUrls = self.Url.ToString(),
                ApiKey = TestNode.ApiKey,
                Federation = new FederationOptions { NodeName = self.Name, Peers = peers },
            };
            _app = NodeServer.Build(options, _store, b => b.Logging.SetMinimumLevel(LogLevel.Critical));
            _app.StartAsync().GetAwaiter().GetResult();
        }

        public void Load(string path, string baseIri)
        {
            using var tx = _store.Rdf.BeginWrite();
            using var input = File.OpenRead(path);
            tx.Load(sink => RdfParser.Parse(input, RdfFormat.Turtle, sink, new RdfParserOptions { BaseIri = baseIri }));
            tx.Commit();
        }

        public void Dispose()
        {
            _app.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)_app).DisposeAsync().AsTask().GetAwaiter().GetResult();
            _store.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}
