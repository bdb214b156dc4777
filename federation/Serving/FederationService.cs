using DihNode.Federation.Protocol;
using DihNode.Federation.Wire;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Serving;

/// <summary>
/// The gRPC service (federation.proto <c>Federation</c>): thin overrides that read from the node's
/// <see cref="IFederationSource"/> and write messages. Authentication happened before (<see cref="Trust.PeerAuthInterceptor"/>).
/// </summary>
internal sealed partial class FederationService(IFederationSource source, FederationOptions options, ILogger<FederationService> log) : P.Federation.FederationBase
{
    public const string ProtocolVersion = "1";
    private const int DefaultSnapshotBatch = 200;
    private const int FeedPage = 200;
    private const int RowsPerBatch = 500;

    public override Task<HelloResponse> Hello(HelloRequest request, ServerCallContext context)
    {
        var hello = source.Describe();
        hello.ProtocolVersion = ProtocolVersion;
        hello.LastSequence = source.LastSequence;
        hello.FirstRetainedSequence = source.FirstRetainedSequence;
        hello.Peers.AddRange(source.Peers);
        hello.Time = Timestamp.FromDateTime(DateTime.UtcNow);
        return Task.FromResult(hello);
    }

    public override Task<Statistics> GetStatistics(StatisticsRequest request, ServerCallContext context) => Task.FromResult(source.GetStatistics());

    public override async Task GetSnapshot(SnapshotRequest request, IServerStreamWriter<SnapshotBatch> responseStream, ServerCallContext context)
    {
        if (request.BatchSize is < 0 or > 1000) throw new RpcException(new Status(StatusCode.InvalidArgument, $"batch_size: {request.BatchSize} is not between 0 and 1000"));
        int size = request.BatchSize == 0 ? DefaultSnapshotBatch : request.BatchSize;
        var snapshot = source.ReadSnapshot();
        int sent = 0;
        do
        {
            var batch = new SnapshotBatch { Sequence = snapshot.Sequence, TotalHubs = snapshot.Hubs.Count };
            var table = new TermTableWriter(batch.Terms);
            foreach (var hub in snapshot.Hubs.Skip(sent).Take(size)) batch.Hubs.Add(Encode(table, hub));
            sent += batch.Hubs.Count;
            batch.Last = sent >= snapshot.Hubs.Count;
            await responseStream.WriteAsync(batch, context.CancellationToken);
        }
        while (sent < snapshot.Hubs.Count);
    }

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context)
    {
        if (request.FromSequence < 1) throw new RpcException(new Status(StatusCode.InvalidArgument, $"from_sequence: {request.FromSequence} (sequences start at 1)"));
        if (request.HeartbeatSeconds is < 0 or > 60) throw new RpcException(new Status(StatusCode.InvalidArgument, $"heartbeat_seconds: {request.HeartbeatSeconds} is not between 0 and 60"));
        var heartbeat = TimeSpan.FromSeconds(request.HeartbeatSeconds == 0 ? 5 : request.HeartbeatSeconds);
        long next = request.FromSequence;
        var token = context.CancellationToken;
        string caller = context.UserState.TryGetValue(Trust.PeerAuthInterceptor.CallerKey, out var c) ? (string)c : "?";
        log.LogInformation("peer {Peer} subscribed from sequence {Sequence}", caller, next);
        while (!token.IsCancellationRequested)
        {
            ChangePage page;
            try
            {
                page = source.ReadChanges(next, FeedPage);
            }
            catch (FeedCompactedException e)
            {
                throw new RpcException(new Status(StatusCode.OutOfRange, e.Message));
            }
            if (page.Through >= next)
            {
                var batch = new ChangeBatch { ThroughSequence = page.Through };
                var table = new TermTableWriter(batch.Terms);
                foreach (var change in page.Changes)
                {
                    var wire = new P.HubChange { Sequence = change.Sequence, Committed = Timestamp.FromDateTime(DateTime.SpecifyKind(change.Committed, DateTimeKind.Utc)), HubIri = change.HubIri };
                    if (change.Upsert is PublishedHub hub) wire.Upsert = Encode(table, hub);
                    else wire.Delete = true;
                    batch.Changes.Add(wire);
                }
                await responseStream.WriteAsync(new SubscribeResponse { Changes = batch }, token);
                next = page.Through + 1;
                continue;
            }
            await source.WaitForChangeAsync(next - 1, heartbeat, token);
            if (source.LastSequence < next)
                await responseStream.WriteAsync(new SubscribeResponse { Heartbeat = new Heartbeat { LastSequence = source.LastSequence, Time = Timestamp.FromDateTime(DateTime.UtcNow) } }, token);
        }
    }

    public override async Task Query(QueryRequest request, IServerStreamWriter<QueryResponse> responseStream, ServerCallContext context)
    {
        string text = request.Query + QueryBindings.ToValuesClause(request);
        var budget = context.Deadline == DateTime.MaxValue ? options.CallDeadline : context.Deadline - DateTime.UtcNow;
        if (budget <= TimeSpan.Zero) throw new RpcException(new Status(StatusCode.DeadlineExceeded, "no time left for the query"));
        QueryResult result;
        try
        {
            result = source.Query(text, budget, context.CancellationToken);
        }
        catch (SparqlSyntaxException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "query: " + e.Message));
        }
        switch (result)
        {
            case AskResult ask:
                await responseStream.WriteAsync(new QueryResponse { Boolean = ask.Value }, context.CancellationToken);
                return;
            case SelectResult select:
                var header = new QueryHeader();
                header.Variables.AddRange(select.Variables.Select(v => v.Name));
                await responseStream.WriteAsync(new QueryResponse { Header = header }, context.CancellationToken);
                await StreamRowsAsync(select, request.MaxRows, responseStream, context.CancellationToken);
                return;
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, "query: only SELECT and ASK are answered over gRPC"));
        }
    }

    private static async Task StreamRowsAsync(SelectResult select, long maxRows, IServerStreamWriter<QueryResponse> stream, CancellationToken token)
    {
        var batch = new RowBatch();
        var table = new TermTableWriter(batch.Terms);
        long count = 0;
        try
        {
            foreach (var row in select.Rows)
            {
                if (maxRows > 0 && count == maxRows)
                {
                    batch.Truncated = true;
                    break;
                }
                foreach (var cell in row) batch.Cells.Add(cell is null ? 0 : table.Add(cell) + 1);
                count++;
                if (batch.Cells.Count >= RowsPerBatch * Math.Max(1, row.Length))
                {
                    await stream.WriteAsync(new QueryResponse { Rows = batch }, token);
                    batch = new RowBatch();
                    table = new TermTableWriter(batch.Terms);
                }
            }
        }
        catch (QueryTimeoutException e)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, e.Message));
        }
        catch (QueryLimitException e)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
        }
        catch (QueryEvaluationException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "query: " + e.Message));
        }
        if (batch.Cells.Count > 0 || batch.Truncated) await stream.WriteAsync(new QueryResponse { Rows = batch }, token);
    }

    private static HubState Encode(TermTableWriter table, PublishedHub hub)
    {
        var state = new HubState { Hub = table.Add(hub.Hub), Triples = new EncodedTriples() };
        table.AddTriples(state.Triples.Spo, hub.Triples);
        return state;
    }
}
