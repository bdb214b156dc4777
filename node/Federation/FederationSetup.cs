using System.Net;
using DihNode.Federation;
using DihNode.Federation.Client;
using DihNode.Federation.Replication;
using DihNode.Federation.Serving;
using DihNode.Federation.Trust;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Vocab.Import;
using DihNode.Vocab.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Federation;

/// <summary>
/// Wires the federation into the node: Kestrel listens on the web URLs with HTTP/1.1 and on the gRPC URLs
/// with HTTP/2 (cleartext needs separate ports), over mutual TLS when the node has a certificate
/// (<see cref="MutualTls"/>); the gRPC service reads the registry
/// (<see cref="NodeFederationSource"/>); an aggregator replicates every peer into the registry
/// (<see cref="RegistryReplicaStore"/>), after making sure the registry knows the reference vocabularies
/// its peers' hubs refer to.
/// </summary>
internal static class FederationSetup
{
    public static void Listen(KestrelServerOptions kestrel, NodeOptions options)
    {
        foreach (string url in Split(options.Urls)) Listen(kestrel, url, HttpProtocols.Http1, tls: null);
        var certificate = options.Federation?.Certificate;
        foreach (string url in Split(options.GrpcUrls))
        {
            bool https = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            if (https && certificate is null)
                throw new FormatException($"'{url}': an https:// gRPC endpoint needs the node's certificate (--grpc-cert FILE.pfx, see federation/README.md, \"Mutual TLS\")");
            if (!https && certificate is not null)
                throw new FormatException($"'{url}': the node has a certificate (--grpc-cert), so its gRPC endpoint takes mutual TLS only: give https://HOST:PORT");
            Listen(kestrel, url, HttpProtocols.Http2, https ? MutualTls.ServerOptions(options.Federation!, () => Log(kestrel)) : null);
        }
    }

    private static ILogger? Log(KestrelServerOptions kestrel) =>
        kestrel.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger("DihNode.Federation.MutualTls");

    public static void AddServices(WebApplicationBuilder builder, NodeOptions options, NodeStore store)
    {
        var federation = options.Federation!;
        builder.Services.AddSingleton<PeerStates>();
        builder.Services.AddSingleton<IFederationSource, NodeFederationSource>();
        builder.Services.AddDihFederation(federation);
        builder.Services.AddHealthChecks().AddCheck<RegistryHealthCheck>("registry");
        builder.Services.AddSingleton<DihNode.Rdf.Sparql.Evaluation.IServiceHandler, DihNode.Federation.Query.PeerServiceHandler>();
        builder.Services.AddSingleton<DihNode.Federation.Network.INetworkLocalSource>(new LocalNetworkSource(store, options));
        builder.Services.AddSingleton<DihNode.Federation.Network.NetworkCoordinator>();
        if (federation.CertificateFile is not null)
        {
            builder.Services.AddSingleton<CertificateFileReloader>();
            builder.Services.AddHostedService(s => s.GetRequiredService<CertificateFileReloader>());
        }
        if (federation.Aggregator)
        {
            var reference = LoadReference(options, store);
            builder.Services.AddSingleton(reference);
            builder.Services.AddSingleton<IReplicaStore, RegistryReplicaStore>();
        }
    }

    public static void Map(WebApplication app, NodeOptions options)
    {
        if (options.Federation is not null && options.GrpcUrls is not null) app.MapDihFederation();
        ChangesEndpoint.Map(app);
    }

    /// <summary>The reference vocabularies, synced into the registry when it has none (a fresh aggregator).</summary>
    private static ReferenceData LoadReference(NodeOptions options, NodeStore store)
    {
        string data = options.ReferenceDataDirectory ?? SharedData.Locate()
            ?? throw new InvalidOperationException("an aggregator needs the reference vocabularies (countries, concept schemes): set DIHNODE_SHARED to the folder holding data/vocab");
        var reference = ReferenceData.Load(data, store.Iris);
        using (var context = store.NewContext())
            if (context.Countries.Any()) return reference;
        store.Registry.ImportAsync(new HubBatch(), reference, strict: false).GetAwaiter().GetResult();
        return reference;
    }

    private static IEnumerable<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <param name="tls">Null: cleartext (<c>http://</c>); else the endpoint's HTTPS settings (<c>https://</c>).</param>
    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, HttpsConnectionAdapterOptions? tls)
    {
        string scheme = tls is null ? "http" : "https";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
            throw new FormatException($"'{url}': give {scheme}://HOST:PORT (the gRPC endpoint takes https:// with a node certificate, see federation/README.md)");
        void Protocols(ListenOptions o)
        {
            o.Protocols = protocols;
            if (tls is not null) o.UseHttps(tls);
        }
        switch (uri.Host)
        {
            case "localhost": kestrel.ListenLocalhost(uri.Port, Protocols); break;
            case "*" or "+" or "0.0.0.0": kestrel.ListenAnyIP(uri.Port, Protocols); break;
            default:
                if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)) throw new FormatException($"'{url}': the host must be an IP address, localhost or *");
                kestrel.Listen(address, uri.Port, Protocols);
                break;
        }
    }
}
