using DihNode.Federation.Client;
using DihNode.Federation.Replication;
using DihNode.Federation.Serving;
using DihNode.Federation.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation;

/// <summary>
/// Registers the federation in a node's web application: the gRPC service behind the link-proof
/// interceptor with the message size limits, the standard gRPC health service (grpc.health.v1), the
/// peer clients, and (aggregator) the replication service. The node supplies <see cref="IFederationSource"/>
/// and, to replicate, <see cref="IReplicaStore"/>.
/// </summary>
public static class FederationHosting
{
    public static IServiceCollection AddDihFederation(this IServiceCollection services, FederationOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new PeerDirectory(options, log: sp.GetService<ILoggerFactory>()?.CreateLogger<PeerDirectory>()));
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = options.MaxMessageBytes;
            o.MaxSendMessageSize = options.MaxMessageBytes;
            o.EnableDetailedErrors = false;
        }).AddServiceOptions<FederationService>(o => o.Interceptors.Add<PeerAuthInterceptor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<FederationService>, FederationService.MethodProvider>());
        services.AddGrpcHealthChecks().AddCheck("federation", () => HealthCheckResult.Healthy());
        if (options.Aggregator)
        {
            services.AddSingleton<ReplicationService>();
            services.AddHostedService(sp => sp.GetRequiredService<ReplicationService>());
        }
        return services;
    }

    /// <summary>Maps the federation and health services; <paramref name="host"/> restricts them to the gRPC endpoint (e.g. "*:5081").</summary>
    public static void MapDihFederation(this IEndpointRouteBuilder endpoints, string? host = null)
    {
        var federation = endpoints.MapGrpcService<FederationService>();
        var health = endpoints.MapGrpcHealthChecksService();
        if (host is not null)
        {
            federation.RequireHost(host);
            health.RequireHost(host);
        }
    }
}
