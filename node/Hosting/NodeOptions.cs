namespace DihNode.Node.Hosting;

/// <summary>How a node runs: its data, addresses, identity and limits. The defaults are documented in the README.</summary>
public sealed class NodeOptions
{
    /// <summary>The registry file (the RDF store is beside it, <c>FILE.rdf</c>).</summary>
    public required string Database { get; init; }

    /// <summary>Where Kestrel listens (HTTP/1.1: web, SPARQL, OData, linked data).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The base of every IRI the node mints; null keeps the one the database was created with.</summary>
    public string? BaseIri { get; init; }

    /// <summary>The country the node publishes for (EU code), shown in its catalogue; null for a multi-country node.</summary>
    public string? Country { get; init; }

    /// <summary>
    /// The key of the credential <c>api-key</c>, role admin: it may make every write (<c>Authorization: Bearer KEY</c>
    /// or <c>X-API-Key: KEY</c>); null, with no <see cref="Credentials"/> either: writes are refused.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Named write credentials with roles (<c>--key</c>, <c>--keys</c>), besides <see cref="ApiKey"/> (role
    /// admin); a write needs one whose roles include what it changes (<see cref="WriteAccess"/>).
    /// </summary>
    public IReadOnlyList<WriteCredential> Credentials { get; init; } = [];

    /// <summary>
    /// The keys file (<c>--keys</c>) the credentials marked <see cref="WriteCredential.FromKeysFile"/> came from; null:
    /// none. The node watches it and swaps those credentials for the file's new ones when it changes (or on SIGHUP),
    /// keeping the others (<see cref="KeysFileReloader"/>).
    /// </summary>
    public string? KeysFile { get; init; }

    /// <summary>
    /// Reverse proxies whose <c>Forwarded</c> (RFC 7239) and <c>X-Forwarded-For</c> the node believes
    /// (<c>--trusted-proxy</c>): only when the direct peer is in one of these networks is the client taken from
    /// the headers (<see cref="ClientIdentity"/>).
    /// Empty (the default): the client is always the direct peer.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>
    /// How long a registry write waits for another process's lock on the database before it gets 503
    /// (<see cref="Registry.HubRegistry.LockWait"/>, <c>--lock-wait SECONDS</c>); default 10 s.
    /// </summary>
    public TimeSpan LockWait { get; init; } = Registry.HubRegistry.DefaultLockWait;

    /// <summary>A query's default wall-clock limit; a client may ask for less, never more than <see cref="MaxQueryTimeout"/>.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxQueryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most result rows a query returns; a longer result is cut with an explicit marker.</summary>
    public long MaxResultRows { get; init; } = 100_000;

    /// <summary>The cap on rows a query may hold in memory while it runs (joins, sorting, grouping).</summary>
    public long MaxIntermediateRows { get; init; } = 5_000_000;

    /// <summary>The largest request body accepted (SPARQL, Graph Store, OData writes); larger gets 413 before parsing.</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Queries running at once; beyond it a query gets 503 with Retry-After and never runs.</summary>
    public int MaxConcurrentQueries { get; init; } = 8;

    /// <summary>
    /// The length of a client's budget window (<see cref="ClientBudget"/>); zero turns the budget off.
    /// Default 60 s.
    /// </summary>
    public TimeSpan ClientBudgetWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Request time one client (its address, <see cref="ClientIdentity"/>) may spend on /sparql, /graph-store and /odata per window
    /// before it gets 429; default 120 s (two busy cores' worth of a minute).
    /// </summary>
    public TimeSpan ClientTimeBudget { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Error answers (4xx, 500) one client may cause per window before it gets 429; default 300.</summary>
    public int ClientErrorBudget { get; init; } = 300;

    /// <summary>
    /// http(s) IRIs SPARQL Update's LOAD may fetch (an exact IRI, or a prefix ending in "/"); empty (the
    /// default): LOAD is refused with 403, so no request makes the node contact another host.
    /// </summary>
    public IReadOnlyList<string> LoadAllowList { get; init; } = [];

    /// <summary>
    /// Where the federation's gRPC service listens (cleartext HTTP/2 needs a port of its own, beside
    /// <see cref="Urls"/>); null: no gRPC endpoint.
    /// </summary>
    public string? GrpcUrls { get; init; }

    /// <summary>The node's federation identity, peers and limits; null: the node does not federate.</summary>
    public DihNode.Federation.FederationOptions? Federation { get; init; }

    /// <summary>The folder of the reference vocabularies (countries, schemes) an aggregator needs to read its peers' hubs; null: the shared data folder.</summary>
    public string? ReferenceDataDirectory { get; init; }

    /// <summary>The title of the node's DCAT-AP catalogue (also sent to peers in Hello); null: a title from the country.</summary>
    public string? CatalogTitle { get; init; }

    /// <summary>The node's operator, its catalogue's publisher (also sent to peers in Hello); null: "DihNode".</summary>
    public string? PublisherName { get; init; }

    /// <summary>The public base URL of the node's endpoints (for the catalogue and service description); null: the request's own.</summary>
    public string? PublicUrl { get; init; }
}
