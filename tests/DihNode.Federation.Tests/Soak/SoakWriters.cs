using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Federation.Tests.Soak;

/// <summary>A registry hub as the last acknowledged write left it: gone, or its name and description.</summary>
internal sealed record ExpectedHub(bool Exists, string? Name, string? Description);

/// <summary>
/// The soak's five writers, each from its own loopback address with the API key: OData PATCH of hub
/// fields, OData POST of new hubs, an OData DELETE now and then (of a hub the POST writer made, every
/// fifth time of an original one), SPARQL Update on a client graph, Graph Store PUT and POST. Each
/// writer owns the hubs or graphs it writes, so the last acknowledged value of each is known: registry
/// writes go to <see cref="Hubs"/> (and to the peers' lag clocks), RDF writes to <see cref="UpdateGraph"/>
/// and <see cref="GraphStoreGraphs"/>.
/// </summary>
internal sealed class SoakWriters(SoakRecorder recorder, TestNode node, IReadOnlyList<ReplicationLag> lags, int hubTypeId)
{
    public const string Patch = "write odata PATCH", Post = "write odata POST", Delete = "write odata DELETE",
        Update = "write SPARQL Update", GraphStorePut = "write Graph Store PUT", GraphStorePost = "write Graph Store POST";

    public static readonly HashSet<string> Kinds = [Patch, Post, Delete, Update, GraphStorePut, GraphStorePost];

    public const string UpdateGraphIri = "http://example.org/soak/client";
    public const int GraphStoreGraphCount = 5;

    private readonly ConcurrentQueue<(int Id, string Iri, string? ETag)> _created = new();

    /// <summary>Hub IRI → what its last acknowledged registry write left.</summary>
    public ConcurrentDictionary<string, ExpectedHub> Hubs { get; } = new();

    /// <summary>The subjects the client graph must hold: acknowledged inserts less acknowledged deletes.</summary>
    public HashSet<string> UpdateGraph { get; } = [];

    /// <summary>Graph IRI → the subjects it must hold: its last acknowledged PUT and the acknowledged POSTs after it.</summary>
    public Dictionary<string, HashSet<string>> GraphStoreGraphs { get; } = [];

    /// <summary>PATCHes sent with <c>If-Match</c> the ETag of the hub's previous PATCH (the rest: <c>*</c>).</summary>
    public int ConditionalPatches { get; private set; }

    public static string GraphStoreGraph(int i) => $"http://example.org/soak/gsp/{i}";

    /// <summary>
    /// PATCHes Name and Description of the hubs in <paramref name="mine"/> in turn, each with <c>If-Match</c>
    /// the ETag its previous PATCH returned (<c>*</c> the first time): nothing else writes these hubs, so a
    /// 412 would mean the node's versions went wrong.
    /// </summary>
    public async Task PatchAsync(IReadOnlyList<(int Id, string Iri)> mine, CancellationToken stop)
    {
        using var client = LoopbackHttp.From(node.WebUrl, "127.0.2.1", "test-key");
        var etags = new Dictionary<int, string>();
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            var (id, iri) = mine[i % mine.Count];
            string name = $"Soak hub {id} rev {i}", description = $"Renamed by the soak, revision {i}.";
            var request = Json(HttpMethod.Patch, $"odata/Hubs({id})", new { Name = name, Description = description });
            if (etags.TryGetValue(id, out string? previous)) ConditionalPatches++;
            request.Headers.TryAddWithoutValidation("If-Match", previous ?? "*");
            var answer = await recorder.SendAsync(client, Patch, request);
            if (answer is ({ } status, _, var etag) && status is >= 200 and < 300)
            {
                Acknowledged(Patch, iri, new ExpectedHub(true, name, description));
                if (etag is null) etags.Remove(id);
                else etags[id] = etag;
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>POSTs new hubs (in Slovenia, the hub type given); each one made is offered to the DELETE writer.</summary>
    public async Task PostAsync(CancellationToken stop)
    {
        using var client = LoopbackHttp.From(node.WebUrl, "127.0.2.2", "test-key");
        string run = Guid.NewGuid().ToString("N")[..6];
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string name = $"Soak new hub {run} {i}", description = $"Created by the soak, number {i}.";
            var answer = await recorder.SendAsync(client, Post, Json(HttpMethod.Post, "odata/Hubs", new { Name = name, CountryCode = "SI", TypeId = hubTypeId, Description = description }));
            if (answer is (201, var body, var etag))
            {
                var created = JsonDocument.Parse(body).RootElement;
                string iri = created.GetProperty("Iri").GetString()!;
                Acknowledged(Post, iri, new ExpectedHub(true, name, description));
                _created.Enqueue((created.GetProperty("Id").GetInt32(), iri, etag));
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>
    /// Every 400 ms DELETEs a hub the POST writer made (<c>If-Match</c> the ETag its POST returned: nothing
    /// wrote it since), every fifth time one of <paramref name="originals"/> instead (no <c>If-Match</c>).
    /// </summary>
    public async Task DeleteAsync(IReadOnlyList<(int Id, string Iri)> originals, CancellationToken stop)
    {
        using var client = LoopbackHttp.From(node.WebUrl, "127.0.2.3", "test-key");
        int nextOriginal = 0;
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            await Task.Delay(400, CancellationToken.None);
            (int Id, string Iri, string? ETag) victim;
            if (i % 5 == 4 && nextOriginal < originals.Count) victim = (originals[nextOriginal].Id, originals[nextOriginal++].Iri, null);
            else if (!_created.TryDequeue(out victim)) continue;
            var request = new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({victim.Id})");
            if (victim.ETag is not null) request.Headers.TryAddWithoutValidation("If-Match", victim.ETag);
            var answer = await recorder.SendAsync(client, Delete, request);
            if (answer is (204, _, _)) Acknowledged(Delete, victim.Iri, new ExpectedHub(false, null, null));
        }
    }

    /// <summary>SPARQL Update on the client graph: an INSERT DATA each time, with a DELETE DATA of an earlier subject every fourth time.</summary>
    public async Task UpdateAsync(CancellationToken stop)
    {
        using var client = LoopbackHttp.From(node.WebUrl, "127.0.2.4", "test-key");
        var random = new Random(4);
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string subject = $"http://example.org/soak/update/{i}";
            string update = $"INSERT DATA {{ GRAPH <{UpdateGraphIri}> {{ <{subject}> <http://example.org/p> {i} }} }}";
            string? removed = null;
            lock (UpdateGraph)
                if (i % 4 == 3 && UpdateGraph.Count > 0) removed = UpdateGraph.ElementAt(random.Next(UpdateGraph.Count));
            if (removed is not null)
                update += $" ; DELETE DATA {{ GRAPH <{UpdateGraphIri}> {{ <{removed}> <http://example.org/p> {removed[(removed.LastIndexOf('/') + 1)..]} }} }}";
            var request = new HttpRequestMessage(HttpMethod.Post, "sparql/update") { Content = new StringContent(update, Encoding.UTF8, "application/sparql-update") };
            var answer = await recorder.SendAsync(client, Update, request);
            if (answer is ({ } status, _, _) && status is >= 200 and < 300)
            {
                recorder.Acknowledge(Update);
                lock (UpdateGraph)
                {
                    UpdateGraph.Add(subject);
                    if (removed is not null) UpdateGraph.Remove(removed);
                }
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>Graph Store Protocol on five graphs in turn: every third write a PUT (replaces the graph), the others POSTs (add to it).</summary>
    public async Task GraphStoreAsync(CancellationToken stop)
    {
        using var client = LoopbackHttp.From(node.WebUrl, "127.0.2.5", "test-key");
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string graph = GraphStoreGraph(i % GraphStoreGraphCount), subject = $"http://example.org/soak/gsp/s{i}";
            bool put = i / GraphStoreGraphCount % 3 == 0;
            string turtle = $"<{subject}> <http://example.org/p> \"{i}\" .";
            var request = new HttpRequestMessage(put ? HttpMethod.Put : HttpMethod.Post, "graph-store?graph=" + Uri.EscapeDataString(graph))
            {
                Content = new StringContent(turtle, Encoding.UTF8, "text/turtle"),
            };
            var answer = await recorder.SendAsync(client, put ? GraphStorePut : GraphStorePost, request);
            if (answer is ({ } status, _, _) && status is >= 200 and < 300)
            {
                recorder.Acknowledge(put ? GraphStorePut : GraphStorePost);
                lock (GraphStoreGraphs)
                {
                    if (put || !GraphStoreGraphs.TryGetValue(graph, out var subjects)) GraphStoreGraphs[graph] = subjects = [];
                    subjects.Add(subject);
                }
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>Records an acknowledged registry write and starts the peers' lag clocks on its change-feed sequence.</summary>
    private void Acknowledged(string kind, string iri, ExpectedHub expected)
    {
        long acknowledged = SoakRecorder.Clock.ElapsedTicks;
        recorder.Acknowledge(kind);
        Hubs[iri] = expected;
        long sequence;
        using (var context = node.Store.NewContext())
            sequence = context.Changes.AsNoTracking().Where(c => c.HubIri == iri).Max(c => (long?)c.Sequence)
                ?? throw new InvalidOperationException($"{kind} of {iri} was acknowledged but the change feed has no entry for it");
        foreach (var lag in lags) lag.Expect(sequence, acknowledged);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) =>
        new(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
