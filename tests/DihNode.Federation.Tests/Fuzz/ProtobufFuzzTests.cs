using System.Diagnostics;
using DihNode.Federation.Network;
using DihNode.Federation.Protocol;
using DihNode.Federation.Serving;
using DihNode.Federation.Wire;
using DihNode.Node.Federation;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Vocab.Profile;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;
using Literal = DihNode.Rdf.Model.Literal;

namespace DihNode.Federation.Tests.Fuzz;

/// <summary>
/// Issue 11 item 9 for the federation protocol: mutated protobuf messages (byte-level and structure-aware,
/// <see cref="ProtoMutator"/>) fed to the real decode path and to a real node's gRPC service. A peer's bad
/// message may only end as <see cref="InvalidProtocolBufferException"/>, <see cref="WireFormatException"/>
/// (naming the field) or an INVALID_ARGUMENT refusal, never as another exception, and none takes 5 s. At the
/// server every method of the service (Hello, GetStatistics, GetSnapshot, Subscribe, Query) gets mutated raw
/// requests and may answer only OK, INVALID_ARGUMENT or DEADLINE_EXCEEDED.
/// DIHNODE_LONG_TESTS=1 runs 1,000,000 mutations per message kind instead of 20,000, 25,000 calls per method instead of 750.
/// </summary>
public sealed class ProtobufFuzzTests(ProtobufFuzzFixture fixture, ITestOutputHelper output) : IClassFixture<ProtobufFuzzFixture>
{
    private static readonly bool s_long = Environment.GetEnvironmentVariable("DIHNODE_LONG_TESTS") == "1";
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(5);

    /// <summary>One message kind: its valid seeds and the decode path a received message of that kind takes.</summary>
    private sealed record Kind(string Name, IReadOnlyList<IMessage> Seeds, Action<byte[]> Decode);

    [Fact]
    public async Task MutatedMessagesEndInSuccessOrAProtocolErrorOnTheDecodePath()
    {
        using var peer = new Client.PeerClient(new PeerLink("fz", fixture.Node.GrpcUrl, TestNode.Secret), new FederationOptions { NodeName = ProtobufFuzzFixture.Caller });
        var kinds = await KindsAsync(peer);
        var allSeeds = kinds.SelectMany(k => k.Seeds).Select(s => s.ToByteArray()).ToList();
        foreach (var kind in kinds)
            foreach (var seed in kind.Seeds) kind.Decode(seed.ToByteArray()); // the seeds themselves decode

        int perKind = s_long ? 1_000_000 : 20_000;
        var failures = new List<string>();
        foreach (var (kind, k) in kinds.Select((kind, k) => (kind, k)))
        {
            var clock = Stopwatch.StartNew();
            var slowest = (Time: TimeSpan.Zero, Input: Array.Empty<byte>());
            int ok = 0, refused = 0;
            for (int i = 0; i < perKind; i++)
            {
                int seed = k * 10_000_000 + i;
                var mutator = new ProtoMutator(seed);
                byte[] input = mutator.Mutate(kind.Seeds[i % kind.Seeds.Count], allSeeds);
                long start = Stopwatch.GetTimestamp();
                try
                {
                    kind.Decode(input);
                    ok++;
                }
                catch (Exception e) when (e is InvalidProtocolBufferException or WireFormatException or SparqlSyntaxException
                                              or RpcException { StatusCode: StatusCode.InvalidArgument })
                {
                    refused++;
                }
                catch (Exception e)
                {
                    if (failures.Count < 20) failures.Add($"{kind.Name} seed {seed}: {e.GetType().Name}: {e.Message}\n  {Hex(input)}\n{e.StackTrace}");
                }
                var took = Stopwatch.GetElapsedTime(start);
                if (took > slowest.Time) slowest = (took, input);
            }
            output.WriteLine($"{kind.Name}: {perKind:N0} mutations in {clock.Elapsed.TotalSeconds:F1} s ({ok:N0} decoded, {refused:N0} refused); slowest {slowest.Time.TotalMilliseconds:F1} ms ({slowest.Input.Length} bytes)");
            Assert.True(slowest.Time < s_limit, $"{kind.Name}: an input took {slowest.Time}: {Hex(slowest.Input)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task AMutatedRequestNeverEndsInAnInternalErrorAndTheNodeKeepsItsData()
    {
        long before = await fixture.CountAsync();
        byte[] statisticsBefore = await fixture.UnaryAsync(ProtobufFuzzFixture.GetStatistics, [], s_limit);
        var hubs = fixture.Node.HubIris().Order().Take(2).ToList();
        var query = new QueryRequest { Query = "SELECT (COUNT(*) AS ?n) WHERE { ?h ?p ?o }", BindingVariables = { "h" }, MaxRows = 10 };
        query.BindingTerms.Add(new Protocol.Term { Iri = hubs[0] });
        query.BindingTerms.Add(new Protocol.Term { Iri = hubs[1] });
        query.BindingCells.Add([1, 2, 0]);
        var requests = new (Method<byte[], byte[]> Method, IMessage Seed, TimeSpan Deadline, int Max)[]
        {
            (ProtobufFuzzFixture.Hello, new HelloRequest { NodeName = ProtobufFuzzFixture.Caller, ProtocolVersion = FederationService.ProtocolVersion }, s_limit, 1),
            (ProtobufFuzzFixture.GetSnapshot, new SnapshotRequest { BatchSize = 2 }, s_limit, int.MaxValue),
            // The feed never ends: the first message (or the deadline, when the mutated sequence lies ahead) is enough.
            (ProtobufFuzzFixture.Subscribe, new SubscribeRequest { FromSequence = 1, HeartbeatSeconds = 1 }, TimeSpan.FromSeconds(1.5), 1),
            (ProtobufFuzzFixture.Query, query, s_limit, int.MaxValue),
            // An empty message: its mutations are inserted bytes, varints and slices of the other seeds.
            (ProtobufFuzzFixture.GetStatistics, new StatisticsRequest(), s_limit, 1),
        };
        var seeds = requests.Select(r => r.Seed.ToByteArray()).ToList();
        int perMethod = s_long ? 25_000 : 750;
        var statuses = new Dictionary<string, int>();
        var details = new Dictionary<string, string>();
        var failures = new List<string>();
        var slowest = (Time: TimeSpan.Zero, What: "");
        var clock = Stopwatch.StartNew();
        foreach (var (request, r) in requests.Select((request, r) => (request, r)))
        {
            var methodClock = Stopwatch.StartNew();
            // Several calls at once: a Subscribe call whose mutated sequence lies ahead waits for a heartbeat or its deadline.
            await Parallel.ForEachAsync(Enumerable.Range(0, perMethod), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                int seed = 50_000_000 + r * 1_000_000 + i;
                byte[] input = new ProtoMutator(seed).Mutate(request.Seed, seeds);
                var status = StatusCode.OK;
                string detail = "";
                long start = Stopwatch.GetTimestamp();
                try
                {
                    if (request.Method.Type == MethodType.Unary) await fixture.UnaryAsync(request.Method, input, request.Deadline);
                    else await fixture.StreamAsync(request.Method, input, request.Deadline, request.Max);
                }
                catch (RpcException e)
                {
                    status = e.StatusCode;
                    detail = e.Status.Detail;
                }
                var took = Stopwatch.GetElapsedTime(start);
                lock (statuses)
                {
                    if (status is not (StatusCode.OK or StatusCode.InvalidArgument or StatusCode.DeadlineExceeded) && failures.Count < 20)
                        failures.Add($"{request.Method.Name} seed {seed}: {status}\n  {Hex(input)}");
                    if (took > request.Deadline + TimeSpan.FromSeconds(1) && failures.Count < 20)
                        failures.Add($"{request.Method.Name} seed {seed} took {took}\n  {Hex(input)}");
                    if (took > slowest.Time) slowest = (took, $"{request.Method.Name} seed {seed} ({status})");
                    string key = $"{request.Method.Name} {status}";
                    statuses[key] = statuses.GetValueOrDefault(key) + 1;
                    details.TryAdd(key, detail);
                }
            });
            output.WriteLine($"{request.Method.Name}: {perMethod:N0} calls in {methodClock.Elapsed.TotalSeconds:F1} s");
        }
        output.WriteLine($"{requests.Length * perMethod:N0} calls in {clock.Elapsed.TotalSeconds:F1} s; slowest {slowest.Time.TotalMilliseconds:F0} ms: {slowest.What}");
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        output.WriteLine(string.Join("\n", details.Where(d => d.Value.Length > 0).OrderBy(d => d.Key).Select(d => $"first {d.Key}: {d.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var hello = HelloResponse.Parser.ParseFrom(await fixture.UnaryAsync(ProtobufFuzzFixture.Hello, seeds[0], s_limit));
        Assert.Equal("fz", hello.NodeName);
        Assert.Equal(before, await fixture.CountAsync());
        // The node's own figures are byte for byte what they were: nothing a mutated request did changed its hubs.
        Assert.Equal(Convert.ToHexString(statisticsBefore), Convert.ToHexString(await fixture.UnaryAsync(ProtobufFuzzFixture.GetStatistics, [], s_limit)));
        Assert.NotEmpty(await fixture.StreamAsync(ProtobufFuzzFixture.GetSnapshot, requests[1].Seed.ToByteArray(), s_limit));
    }

    /// <summary>The seeds of each kind, made by the real node and the real encoders.</summary>
    /// <param name="peer">The client a network-mode profile names (only referenced, never called).</param>
    private async Task<List<Kind>> KindsAsync(Client.PeerClient peer)
    {
        var reference = TestNode.Reference;
        void Store(IEnumerable<Client.ReceivedHub> hubs)
        {
            // What the replica store does with a hub (RegistryReplicaStore.Read): an unreadable description
            // is an ArgumentException it turns into a logged refusal of that hub.
            foreach (var hub in hubs)
            {
                try { HubRecordReader.Read(hub.Hub, hub.Triples, reference); }
                catch (ArgumentException) { }
            }
        }

        var hello = HelloResponse.Parser.ParseFrom(await fixture.UnaryAsync(ProtobufFuzzFixture.Hello,
            new HelloRequest { NodeName = ProtobufFuzzFixture.Caller, ProtocolVersion = FederationService.ProtocolVersion }.ToByteArray(), s_limit));
        var statistics = Statistics.Parser.ParseFrom(await fixture.UnaryAsync(ProtobufFuzzFixture.GetStatistics, [], s_limit));
        Assert.True(statistics.Predicates.Count > 5 && statistics.Classes.Count > 1, "the node needs statistics to mutate");
        var snapshot = (await fixture.StreamAsync(ProtobufFuzzFixture.GetSnapshot, new SnapshotRequest { BatchSize = 2 }.ToByteArray(), s_limit))
            .Select(SnapshotBatch.Parser.ParseFrom).Take(2).ToList();
        Assert.True(snapshot[0].Hubs.Count == 2, "the node needs at least two hubs");

        var hubs = MessageDecoder.DecodeSnapshot(snapshot[0]);
        var changes = new ChangeBatch { ThroughSequence = 9 };
        var table = new TermTableWriter(changes.Terms);
        var committed = Timestamp.FromDateTime(new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc));
        foreach (var (sequence, hub, delete) in new[] { (5L, hubs[0], false), (6L, hubs[1], true), (8L, hubs[1], false) })
        {
            var change = new HubChange { Sequence = sequence, Committed = committed, HubIri = hub.Hub.Value };
            if (delete) change.Delete = true;
            else
            {
                change.Upsert = new HubState { Hub = table.Add(hub.Hub), Triples = new EncodedTriples() };
                table.AddTriples(change.Upsert.Triples.Spo, hub.Triples);
            }
            changes.Changes.Add(change);
        }

        var bindings = new QueryRequest { Query = "SELECT ?h ?n WHERE { ?h <http://xmlns.com/foaf/0.1/name> ?n }", BindingVariables = { "h", "n" }, MaxRows = 100 };
        var bindingTable = new TermTableWriter(bindings.BindingTerms);
        foreach (var cell in new Rdf.Model.Term?[] { hubs[0].Hub, Literal.LangString("Hub", "en"), null, Literal.Typed("1", Iri.FromTrusted("http://www.w3.org/2001/XMLSchema#integer")) })
            bindings.BindingCells.Add(cell is null ? 0 : bindingTable.Add(cell) + 1);

        var answer = (await fixture.StreamAsync(ProtobufFuzzFixture.Query,
            new QueryRequest { Query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 40" }.ToByteArray(), s_limit))
            .Select(QueryResponse.Parser.ParseFrom).ToList();
        Assert.Equal(QueryResponse.KindOneofCase.Rows, answer[1].KindCase);

        return
        [
            new("Hello", [hello], bytes =>
            {
                var message = HelloResponse.Parser.ParseFrom(bytes);
                PeerDescription.From(message);
                PeerProfile.Read(peer, message, statistics, DateTime.UtcNow); // network mode's use of it
            }),
            new("SnapshotBatch", snapshot, bytes => Store(MessageDecoder.DecodeSnapshot(SnapshotBatch.Parser.ParseFrom(bytes)))),
            new("ChangeBatch", [new SubscribeResponse { Changes = changes }, new SubscribeResponse { Heartbeat = new Heartbeat { LastSequence = 9, Time = committed } }], bytes =>
            {
                var message = SubscribeResponse.Parser.ParseFrom(bytes);
                if (message.KindCase == SubscribeResponse.KindOneofCase.Changes) Store([.. MessageDecoder.DecodeChanges(message.Changes).Select(c => c.Upsert).OfType<Client.ReceivedHub>()]);
            }),
            new("QueryRequest", [bindings], bytes =>
            {
                var request = QueryRequest.Parser.ParseFrom(bytes);
                SparqlParser.ParseQuery(request.Query + QueryBindings.ToValuesClause(request));
            }),
            new("QueryResponse", answer, bytes =>
            {
                var message = QueryResponse.Parser.ParseFrom(bytes);
                if (message.KindCase == QueryResponse.KindOneofCase.Rows) MessageDecoder.DecodeRows(message.Rows, 3);
            }),
            new("Statistics", [statistics, new Statistics { Sequence = 3 }], bytes => PeerProfile.Read(peer, hello, Statistics.Parser.ParseFrom(bytes), DateTime.UtcNow)),
        ];
    }

    private static string Hex(byte[] input) => $"{input.Length} bytes: {Convert.ToHexString(input.AsSpan(0, Math.Min(200, input.Length)))}";
}
