using DihNode.Node.Federation;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Hosting;

/// <summary>
/// <c>/healthz</c>: the node answers, its registry reads and could take a write now
/// (<see cref="RegistryHealthCheck"/>), and how far its change feed is. <c>"registry"</c> is <c>"ok"</c>,
/// <c>"locked"</c> (another process holds the database's write lock: writes would wait, then get 503) or
/// <c>"unavailable"</c> (the file cannot be opened); anything but ok answers 503, with
/// <c>"status": "unavailable"</c> and the reason in <c>"registryProblem"</c>. With a keys file (<c>--keys</c>),
/// <c>"keysFile"</c> says how many of its credentials are in force, when it was last read and, while its last
/// read failed, why (<c>FILE:LINE: …</c>, <see cref="KeysFileState"/>); the node still answers 200 then, since
/// the credentials read before stay in force.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (NodeStore store, QueryGate gate, IServiceProvider services, HttpContext http) =>
        {
            var peers = services.GetService<PeerStates>()?.All.Select(p => new
            {
                name = p.Name,
                connected = p.Connected,
                stale = p.Stale,
                appliedSequence = p.Applied,
                peerLastSequence = p.PeerLastSequence,
                lastContact = p.LastContact,
                breaker = p.Breaker.ToString(),
                lastError = p.LastError,
            }).ToList();
            var keys = services.GetService<KeysFileReloader>()?.State;
            var problem = await RegistryHealthCheck.ProbeAsync(store, http.RequestAborted);
            int? hubs = null;
            long? lastSequence = null;
            if (problem?.State is not RegistryWriteState.Unavailable)
            {
                using var context = store.NewContext();
                hubs = context.Hubs.Count(); // reads go on while another process holds the write lock (WAL)
                lastSequence = store.Registry.LastSequence;
            }
            return Results.Json(new
            {
                status = problem is null ? "ok" : "unavailable",
                registry = problem?.State switch
                {
                    null => "ok",
                    RegistryWriteState.Locked => "locked",
                    _ => "unavailable",
                },
                registryProblem = problem?.Message,
                hubs,
                lastSequence,
                quads = store.Rdf.Snapshot().Count(default),
                runningQueries = gate.Running,
                peers,
                keysFile = keys is null ? null : new
                {
                    file = keys.File,
                    credentials = keys.Credentials,
                    loadedAt = keys.LoadedAt,
                    problem = keys.Problem,
                    problemAt = keys.ProblemAt,
                },
            }, statusCode: problem is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}
