using System.Diagnostics;
using DihNode.Federation.Client;
using DihNode.Federation.Protocol;
using DihNode.Federation.Query;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using Term = DihNode.Rdf.Model.Term;
using Literal = DihNode.Rdf.Model.Literal;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>Two national nodes (ES, IT) linked both ways: credentials, ownership, federated SERVICE, the Query rpc, /changes.</summary>
public sealed class TrustAndQueryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestNode _es = null!, _it = null!;

    public Task InitializeAsync()
    {
        _es = TestNode.National("es", "ES");
        _it = TestNode.National("it", "IT");
        TestNode.Link(_es, _it);
        _es.Start();
        _it.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _es.DisposeAsync();
        await _it.DisposeAsync();
    }

    private PeerClient ClientAs(string caller, string secret, string peer = "it") =>
        new(new PeerLink(peer, _it.GrpcUrl, secret), new FederationOptions { NodeName = caller, MaxAttempts = 1 });

    [Fact]
    public async Task AConfiguredPeerWithTheRightSecretIsAnsweredAndTheServerProvesItself()
    {
        using var client = ClientAs("es", TestNode.Secret);
        var hello = await client.HelloAsync();
        Assert.Equal("it", hello.NodeName);
        Assert.Equal(_it.Store.Registry.LastSequence, hello.LastSequence);
        Assert.Equal("3.0.0", hello.Capabilities.DcatApVersion);
        var stats = await client.GetStatisticsAsync();
        Assert.Equal(_it.HubIris().Count, stats.Hubs);
        Assert.Contains(stats.Classes, c => c.Iri == "https://w3id.org/dihnode/ns#Hub" && c.Count == stats.Hubs);
        Assert.True(stats.Triples > stats.Hubs * 5);
    }

    [Fact]
    public async Task UnknownOrWrongCredentialsAreRefused()
    {
        using (var stranger = ClientAs("fr", TestNode.Secret))
            Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => stranger.HelloAsync())).StatusCode);
        using (var wrong = ClientAs("es", "not-the-link-secret-at-all"))
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => wrong.HelloAsync())).StatusCode);
        // No credentials at all: a bare client.
        using var channel = GrpcChannel.ForAddress(_it.GrpcUrl);
        var bare = new Protocol.Federation.FederationClient(channel);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(async () => await bare.HelloAsync(new HelloRequest(), deadline: DateTime.UtcNow.AddSeconds(5)))).StatusCode);
        var stream = bare.Subscribe(new SubscribeRequest { FromSequence = 1 }, deadline: DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None))).StatusCode);
        // The health service answers without credentials (for load balancers).
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task AServerThatCannotProveItIsThePeerIsRefusedByTheClient()
    {
        // A client that believes IT's address is "de", with the es-it secret: IT answers as "it", so the answer proof fails.
        using var confused = new PeerClient(new PeerLink("de", _it.GrpcUrl, TestNode.Secret), new FederationOptions { NodeName = "es", MaxAttempts = 1 });
        var e = await Assert.ThrowsAsync<RpcException>(() => confused.HelloAsync());
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("did not prove", e.Status.Detail);
    }

    [Fact]
    public async Task APeerCanOnlyChangeItsOwnHubsOnTheReceivingSide()
    {
        // ES's registry receives (as from peer "it") a snapshot naming one of ES's own hubs: refused, the rest applied.
        string own = _es.HubIris().Order().First();
        var mine = ReplicationTests.Record(_es, own);
        var foreign = ReplicationTests.Record(_it, _it.HubIris().Order().First());
        var report = await _es.Store.Registry.ApplyPeerSnapshotAsync("it", 5, [new PeerHubChange(5, own, mine with { Name = "Hijacked" }), new PeerHubChange(5, foreign.Iri!.Value, foreign)]);
        Assert.Single(report.Refused);
        Assert.Contains("belongs to this node", report.Refused[0]);
        Assert.Equal(mine.Name, ReplicationTests.Record(_es, own).Name);
        Assert.Contains(foreign.Iri!.Value, _es.HubIris("it"));
        // A feed batch from "it" deleting ES's hub: refused; a batch going backwards: refused whole.
        report = await _es.Store.Registry.ApplyPeerChangesAsync("it", [new PeerHubChange(6, own, null)], 6);
        Assert.Single(report.Refused);
        Assert.Contains(own, _es.HubIris(""));
        await Assert.ThrowsAsync<RegistryRuleException>(() => _es.Store.Registry.ApplyPeerChangesAsync("it", [], 4));
        // The same batch twice: the second has no effect.
        var renamed = foreign with { Name = "Renamed once" };
        int before = Changes(_es);
        await _es.Store.Registry.ApplyPeerChangesAsync("it", [new PeerHubChange(7, foreign.Iri!.Value, renamed)], 7);
        var again = await _es.Store.Registry.ApplyPeerChangesAsync("it", [new PeerHubChange(7, foreign.Iri!.Value, renamed)], 7);
        Assert.Equal(1, again.Skipped);
        Assert.Equal(before + 1, Changes(_es));
        // A local write (OData, import) may not change a peer's copy either.
        await Assert.ThrowsAsync<RegistryRuleException>(() => _es.Store.Registry.UpsertAsync(renamed with { Name = "Local edit" }));
        await Assert.ThrowsAsync<RegistryRuleException>(() => _es.Store.Registry.DeleteAsync(foreign.Iri!.Value));
    }

    [Fact]
    public void ServiceReachesAConfiguredPeerAndNoOtherHost()
    {
        var handler = _es.App.Services.GetRequiredService<IServiceHandler>();
        var options = new QueryOptions { ServiceHandler = handler, DefaultGraphs = [_es.Store.Iris.HubsGraph] };
        var clock = Stopwatch.StartNew();
        var rows = Run(_es, """
            PREFIX dih: <https://w3id.org/dihnode/ns#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?hub ?name WHERE {
              SERVICE <urn:dihnode:peer:it> { ?hub a dih:Hub ; skos:prefLabel ?name . FILTER (STRLEN(?name) > 0) OPTIONAL { ?hub <http://xmlns.com/foaf/0.1/homepage> ?page } }
            }
            """, options);
        output.WriteLine($"SERVICE to a peer: {rows.Count} rows in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(_it.HubIris().Order(), rows.Select(r => ((Iri)r[0]!).Value).Distinct().Order());
        // The peer by its gRPC URL works too; a join of local and remote data.
        var joined = Run(_es, $$"""
            PREFIX dih: <https://w3id.org/dihnode/ns#>
            SELECT (COUNT(*) AS ?n) WHERE {
              ?mine a dih:Hub ; <http://purl.org/dc/terms/spatial> ?c .
              SERVICE <{{_it.GrpcUrl}}> { ?theirs a dih:Hub ; <http://purl.org/dc/terms/spatial> ?c }
            }
            """, options);
        Assert.Equal("0", ((Literal)joined[0][0]!).LexicalForm); // Spain and Italy share no country
        // Any other endpoint: refused, unless SILENT.
        var e = Assert.Throws<QueryEvaluationException>(() => Run(_es, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", options));
        Assert.Contains("not a configured peer", e.Message);
        Assert.Single(Run(_es, "SELECT * WHERE { SERVICE SILENT <http://evil.example/sparql> { ?s ?p ?o } }", options));
    }

    [Fact]
    public async Task TheSparqlEndpointAnswersServiceToAPeerAndRefusesOtherHosts()
    {
        using var http = new HttpClient { BaseAddress = _es.WebUrl };
        const string federated = "SELECT (COUNT(DISTINCT ?hub) AS ?n) WHERE { SERVICE <urn:dihnode:peer:it> { ?hub a <https://w3id.org/dihnode/ns#Hub> } }";
        var response = await http.GetAsync("sparql?format=csv&query=" + Uri.EscapeDataString(federated));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"n\r\n{_it.HubIris().Count()}\r\n", await response.Content.ReadAsStringAsync());
        var refused = await http.GetAsync("sparql?format=csv&query=" + Uri.EscapeDataString("SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { ?s ?p ?o } }"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a configured peer", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheQueryRpcStreamsResultsWithBindingsAndRefusesBadQueries()
    {
        using var client = ClientAs("es", TestNode.Secret);
        var some = _it.HubIris().Order().Take(3).Select(Iri.FromTrusted).ToList();
        var result = await client.QueryAsync("SELECT ?hub ?name WHERE { ?hub <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }",
            ["hub"], some.Select(i => new Term?[] { i }), DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(["hub", "name"], result.Variables);
        Assert.Equal(some.Select(i => i.Value).Order(), result.Rows.Select(r => ((Iri)r[0]!).Value).Order());
        var ask = await client.QueryAsync("ASK { ?s a <https://w3id.org/dihnode/ns#Hub> }", null, null, DateTime.UtcNow.AddSeconds(10));
        Assert.True(ask.Boolean);
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync("SELECT WHERE {", null, null, DateTime.UtcNow.AddSeconds(10)));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var capped = await client.QueryAsync("SELECT ?s WHERE { ?s ?p ?o }", null, null, DateTime.UtcNow.AddSeconds(10));
        Assert.True(capped.Rows.Count > 1000);
    }

    [Fact]
    public async Task ChangesAreServedAsAHydraPagedRdfFeed()
    {
        using var http = new HttpClient { BaseAddress = _es.WebUrl };
        long last = _es.Store.Registry.LastSequence;
        var page = await http.GetAsync("changes?since=0&limit=50");
        Assert.Equal("text/turtle", page.Content.Headers.ContentType!.MediaType);
        string turtle = await page.Content.ReadAsStringAsync();
        Assert.Contains("hydra:PartialCollectionView", turtle);
        Assert.Contains("changes?since=50&limit=50", turtle);
        Assert.Contains("as:Update", turtle);
        // Follow hydra:next to the end: every change once.
        long since = 0;
        int members = 0;
        while (true)
        {
            string text = await http.GetStringAsync($"changes?since={since}&limit=100");
            members += text.Split("dih:feedSequence").Length - 1;
            int next = text.IndexOf("changes?since=" + (since + 100), StringComparison.Ordinal);
            if (next < 0 || since + 100 >= last) break;
            since += 100;
        }
        Assert.Equal(last, members);
        var json = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"changes?since={last - 1}") { Headers = { { "Accept", "application/ld+json" } } });
        Assert.Equal("application/ld+json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.GetAsync("changes?since=-3")).StatusCode);
        await _es.Store.Registry.CompactChangesAsync(last - 1);
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await http.GetAsync("changes?since=0")).StatusCode);
    }

    private static List<Term?[]> Run(TestNode node, string sparql, QueryOptions options) =>
        [.. ((SelectResult)QueryEvaluator.Execute(SparqlParser.ParseQuery(sparql), node.Store.Rdf.Snapshot(), options)).Rows];

    private static int Changes(TestNode node)
    {
        using var context = node.Store.NewContext();
        return context.Changes.Count();
    }
}
