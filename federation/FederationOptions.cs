namespace DihNode.Federation;

/// <summary>
/// A node's federation settings: its name, the peers it trusts (each with the link's shared secret),
/// whether it replicates them (aggregator), and the limits every call runs under.
/// </summary>
public sealed class FederationOptions
{
    /// <summary>This node's name in the federation (what peers configure it as).</summary>
    public required string NodeName { get; init; }

    public IReadOnlyList<PeerLink> Peers { get; init; } = [];

    /// <summary>Subscribe to every peer and keep a copy of its hubs.</summary>
    public bool Aggregator { get; init; }

    /// <summary>Deadline of unary calls (Hello, statistics) and of a Query call without a tighter budget.</summary>
    public TimeSpan CallDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a whole snapshot download.</summary>
    public TimeSpan SnapshotDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A subscription is re-opened (resuming where it was) after this long, so it too has a deadline.</summary>
    public TimeSpan SubscribeDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Heartbeats asked of a peer when its feed is idle; three missed ones drop the link.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A peer's copy counts as stale when the link has been down this long.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest message sent or received (both directions, every call).</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Consecutive failures that open a peer's circuit breaker, and how long it first stays open.</summary>
    public int BreakerThreshold { get; init; } = 5;

    public TimeSpan BreakerOpenFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Tries of a unary call on UNAVAILABLE (the first included), with exponential backoff from <see cref="RetryBase"/>.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryBase { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// This node's certificate with its private key (<see cref="Trust.NodeCertificate"/>): the gRPC endpoint
    /// serves TLS with it and requires a client certificate pinned for a peer, and this node presents it
    /// when it calls a peer at an <c>https://</c> URL. Null: links are cleartext, authenticated by the link
    /// proofs alone. Read at every handshake, so <see cref="ReplaceCertificate"/> takes effect on the next
    /// connection, both ways, while connections already open keep the certificate they were made with.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate
    {
        get => _certificate;
        init => _certificate = value;
    }

    private volatile System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;

    /// <summary>
    /// The file <see cref="Certificate"/> was read from (<c>--grpc-cert</c>) and its password, which the node
    /// re-reads when the file changes and on SIGHUP; null when the certificate was given directly.
    /// </summary>
    public Trust.NodeCertificateFile? CertificateFile { get; init; }

    /// <summary>
    /// Makes <paramref name="certificate"/> (checked by <see cref="Trust.NodeCertificate.Load"/>) the one this
    /// node presents from its next TLS handshake on, as a server and as a client. The previous certificate is
    /// not disposed: connections made with it may still be using it. A node without a certificate (cleartext
    /// links) cannot be given one this way: its endpoint does not speak TLS.
    /// </summary>
    public void ReplaceCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (_certificate is null) throw new InvalidOperationException($"node '{NodeName}' has no certificate to replace: its gRPC links are cleartext");
        _certificate = certificate;
    }

    /// <summary>
    /// Resolves a peer's host name in place of DNS (tests only: a name that "resolves" to the metadata address
    /// without touching the machine's resolver). Null: <see cref="System.Net.Dns"/>.
    /// </summary>
    internal Func<string, CancellationToken, ValueTask<System.Net.IPAddress[]>>? Resolver { get; init; }

    /// <summary>How far a caller's clock may be from ours before its proof is refused.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    public PeerLink? FindPeer(string name) => Peers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// One configured link: the peer's name, its gRPC address and the secret both ends share. The same
/// secret authenticates calls in both directions (README, "Setting up a link"); with TLS, the peer's
/// pinned certificate is a second factor (README, "Mutual TLS").
/// </summary>
public sealed record PeerLink(string Name, Uri Url, string Secret)
{
    /// <summary>Names are short tokens (letters, digits, '-', '_'), used in IRIs and settings keys.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The IRI a SPARQL <c>SERVICE</c> may name this peer by, besides its URL.</summary>
    public string ServiceIri => "urn:dihnode:peer:" + Name;

    /// <summary>
    /// Further endpoint IRIs a SPARQL <c>SERVICE</c> may name this peer by (e.g. the public SPARQL URL
    /// the peer is known under, or the endpoint IRIs of the W3C <c>service/</c> tests). A SERVICE to one of
    /// them goes through this link's Query rpc like <see cref="ServiceIri"/>.
    /// </summary>
    public IReadOnlyList<string> ServiceAliases { get; init; } = [];

    /// <summary>
    /// The SHA-256 thumbprints (64 upper-case hex digits each, <see cref="Trust.NodeCertificate.Thumbprint"/>)
    /// of the peer's certificates: the only certificates accepted from it, as a TLS server when this node
    /// calls it and as a TLS client when it calls this node. Several pins let a peer renew its certificate
    /// without a flag day (README, "Renewing a certificate"): the old and the new are both accepted until
    /// the old pin is removed. Empty: no TLS with this peer.
    /// </summary>
    public IReadOnlyList<string> CertificatePins { get; init; } = [];

    /// <summary>Whether <paramref name="certificate"/> is one of <see cref="CertificatePins"/> (and within its validity period).</summary>
    public bool Pins(System.Security.Cryptography.X509Certificates.X509Certificate certificate) =>
        CertificatePins.Any(pin => Trust.NodeCertificate.Matches(certificate, pin));
}
