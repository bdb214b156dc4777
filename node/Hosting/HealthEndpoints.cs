using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DihNode.Node.Hosting;

/// <summary><c>/healthz</c>: the node answers, its registry reads, and how far its change feed is.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", (NodeStore store, QueryGate gate) =>
        {
            using var context = store.NewContext();
            return Results.Json(new
            {
                status = "ok",
                hubs = context.Hubs.Count(),
                lastSequence = store.Registry.LastSequence,
                quads = store.Rdf.Snapshot().Count(default),
                runningQueries = gate.Running,
            });
        });
}
