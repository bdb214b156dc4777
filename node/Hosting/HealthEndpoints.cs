using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Hosting;

/// <summary><c>/healthz</c>: the node answers, its registry reads, and how far its change feed is.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", (NodeStore store, QueryGate gate, IServiceProvider services) =>
        {
            var peers = services.GetService<Federation.PeerStates>()?.All.Select(p => new
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
            using var context = store.NewContext();
            return Results.Json(new
            {
                status = "ok",
                hubs = context.Hubs.Count(),
                lastSequence = store.Registry.LastSequence,
                quads = store.Rdf.Snapshot().Count(default),
                runningQueries = gate.Running,
                peers,
            });
        });
}
