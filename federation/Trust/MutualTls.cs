using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Trust;

/// <summary>
/// Mutual TLS on the gRPC links (README, "Mutual TLS"), as a first factor in front of the link proofs:
/// the server demands a client certificate and accepts only one pinned (SHA-256 thumbprint) for a
/// configured peer; the client presents this node's certificate and accepts only a server certificate
/// pinned for the peer it calls. A peer may have several pins (its old and new certificate while it
/// renews); any of them is accepted, for that peer only. No CA and no host name is trusted: a certificate with the right name
/// from any CA is still refused when its thumbprint is not the pin. A refusal fails the TLS handshake,
/// before any HTTP/2 frame, so no gRPC method is reached. This node's own certificate is chosen at every
/// handshake (<see cref="FederationOptions.ReplaceCertificate"/>), so it can be renewed without a restart.
/// </summary>
public static class MutualTls
{
    /// <summary>
    /// Kestrel's HTTPS settings for the gRPC endpoint: this node's certificate, a client certificate
    /// required and checked against the peers' pins (<see cref="PeerFor"/>); TLS 1.2 or 1.3. A refused
    /// certificate is logged (thumbprint and subject, never key material) through <paramref name="log"/>.
    /// </summary>
    public static HttpsConnectionAdapterOptions ServerOptions(FederationOptions options, Func<ILogger?> log)
    {
        if (options.Certificate is null) throw new InvalidOperationException("an https:// gRPC endpoint needs the node's certificate (--grpc-cert FILE.pfx)");
        return new HttpsConnectionAdapterOptions
        {
            // Chosen per connection, so a certificate renewed while the node runs (FederationOptions.ReplaceCertificate)
            // is what the next handshake presents; connections already open keep theirs.
            ServerCertificateSelector = (_, _) => options.Certificate,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            CheckCertificateRevocation = false,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            // Called inside the handshake: false aborts it. Chain errors (self-signed, unknown issuer) are
            // expected and not a reason either way; the pin is the whole decision.
            ClientCertificateValidation = (client, _, _) =>
            {
                if (PeerFor(options, client) is not null) return true;
                log()?.LogWarning("TLS handshake refused: client certificate {Subject} (SHA-256 {Thumbprint}) is not pinned for any peer of '{Node}'",
                    client.Subject, NodeCertificate.Thumbprint(client), options.NodeName);
                return false;
            },
        };
    }

    /// <summary>The configured peer one of whose pins <paramref name="certificate"/> matches (and is within its validity period), or null.</summary>
    public static PeerLink? PeerFor(FederationOptions options, X509Certificate certificate) =>
        options.Peers.FirstOrDefault(p => p.Pins(certificate));

    /// <summary>
    /// The client side of <paramref name="link"/> when its URL is <c>https://</c>: this node's certificate
    /// offered to the server, and the server's certificate accepted only when it is one of those pinned for
    /// the peer. Cleartext links (<c>http://</c>) get no TLS settings.
    /// </summary>
    internal static void ConfigureClient(SocketsHttpHandler handler, PeerLink link, FederationOptions options)
    {
        if (link.Url.Scheme != Uri.UriSchemeHttps) return;
        var certificate = options.Certificate
            ?? throw new InvalidOperationException($"peer '{link.Name}' is at {link.Url} (TLS) but this node has no certificate to present (--grpc-cert FILE.pfx)");
        if (link.CertificatePins.Count == 0)
            throw new InvalidOperationException($"peer '{link.Name}' is at {link.Url} (TLS) but no certificate is pinned for it (--peer-cert {link.Name}=SHA256)");
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate],
            // The node's current certificate, read at every handshake: a certificate renewed while the node runs is
            // presented on the next connection (connections already open keep theirs). Offered even when the server
            // names acceptable issuers that do not include it.
            LocalCertificateSelectionCallback = (_, _, _, _, _) => options.Certificate ?? certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && link.Pins(server),
        };
    }
}
